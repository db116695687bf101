import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from './api';
import { fromFormValues, toFormValues } from './attributeForm';

const base: AttributeDefinition = {
  code: 'owner_contact',
  name: '联系人',
  type: 'STRING',
  required: false,
  unique: false,
  enumValues: [],
};

describe('the recommended flag (建议填写)', () => {
  it('round-trips through the form', () => {
    const values = toFormValues({ ...base, recommended: true });
    expect(values.recommended).toBe(true);
    expect(fromFormValues(values).recommended).toBe(true);
  });

  it('is off for attributes saved before the flag existed', () => {
    expect(toFormValues(base).recommended).toBe(false);
    expect(fromFormValues(toFormValues(base)).recommended).toBe(false);
  });

  it('is dropped when the attribute is required: completeness counts it already', () => {
    const values = { ...toFormValues({ ...base, recommended: true }), required: true };
    expect(fromFormValues(values)).toMatchObject({ required: true, recommended: false });
  });
});
