import { Checkbox, Collapse, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../api/admin';
import { groupPermissions, selectionState } from './permissionGroups';

interface Props {
  catalogue: Permission[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

/** Permission picker grouped by module, then resource; each module can be selected whole. */
export default function PermissionPicker({ catalogue, value = [], onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const selected = useMemo(() => new Set(value), [value]);
  const groups = useMemo(
    () => groupPermissions(catalogue, i18n.language, value),
    [catalogue, i18n.language, value],
  );
  const set = (names: string[], on: boolean) => {
    const next = new Set(selected);
    for (const n of names) {
      if (on) next.add(n);
      else next.delete(n);
    }
    onChange?.([...next].sort());
  };
  const moduleLabel = (m: string) => {
    const key = `admin.roles.modules.${m || 'other'}`;
    return i18n.exists(key) ? t(key) : m;
  };
  return (
    <Collapse
      size="small"
      defaultActiveKey={groups.filter((g) => selectionState(g, selected) !== 'none').map((g) => g.module)}
      data-testid="permission-picker"
      items={groups.map((g) => {
        const state = selectionState(g, selected);
        const count = g.names.filter((n) => selected.has(n)).length;
        return {
          key: g.module,
          label: (
            <Space>
              <span>{moduleLabel(g.module)}</span>
              <Typography.Text type="secondary" className="ts-mono">
                {g.module}
              </Typography.Text>
              <Tag>{t('admin.roles.selectedCount', { count, total: g.names.length })}</Tag>
            </Space>
          ),
          extra: (
            <span onClick={(e) => e.stopPropagation()}>
              <Checkbox
                disabled={disabled}
                checked={state === 'all'}
                indeterminate={state === 'some'}
                onChange={(e) => set(g.names, e.target.checked)}
              >
                {t('admin.roles.selectAll')}
              </Checkbox>
            </span>
          ),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }} size={8}>
              {g.resources.map((r) => (
                <div key={r.resource} style={{ display: 'flex', gap: 12, alignItems: 'baseline' }}>
                  <Typography.Text type="secondary" className="ts-mono" style={{ width: 96, flex: 'none' }}>
                    {r.resource || '—'}
                  </Typography.Text>
                  <Space wrap size={[12, 4]}>
                    {r.items.map((p) => (
                      <Checkbox
                        key={p.name}
                        disabled={disabled}
                        checked={selected.has(p.name)}
                        onChange={(e) => set([p.name], e.target.checked)}
                        data-testid={`permission-${p.name}`}
                      >
                        <span title={p.name}>{p.description}</span>
                      </Checkbox>
                    ))}
                  </Space>
                </div>
              ))}
            </Space>
          ),
        };
      })}
    />
  );
}
