import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';

/** A failed query or mutation, in the user's language (problem `code` → `errors.<code>`). */
export function ErrorAlert({ error, style }: { error: unknown; style?: CSSProperties }) {
  const { t, i18n } = useTranslation();
  return <Alert type="error" showIcon title={errorMessage(error, t, i18n)} style={style} />;
}

/** A delete icon button that asks first; `confirm` is the question, naming what goes. */
export function DeleteButton({
  confirm,
  onConfirm,
  disabled,
  bordered,
  testId,
}: {
  confirm: string;
  onConfirm: () => unknown;
  disabled?: boolean;
  /** a bordered button (in toolbars) instead of a text one (in table rows) */
  bordered?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={confirm}
      okText={t('app.actions.delete')}
      cancelText={t('app.actions.cancel')}
      okButtonProps={{ danger: true }}
      disabled={disabled}
      onConfirm={onConfirm}
    >
      <Button
        type={bordered ? 'default' : 'text'}
        size="small"
        danger
        icon={<DeleteOutlined />}
        disabled={disabled}
        aria-label={t('app.actions.delete')}
        data-testid={testId}
      />
    </Popconfirm>
  );
}
