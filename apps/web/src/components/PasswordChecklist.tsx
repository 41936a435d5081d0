import { PasswordInput } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import { PASSWORD_RULES, unmetPasswordRules, type PasswordRule } from '@vssid/shared';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

const RULES: readonly PasswordRule[] = ['minLength', 'lower', 'upper', 'digit', 'symbol', 'notLogin'];

/**
 * The password policy as a checklist that ticks itself while the person types. Spans, not a list: it is the new
 * password field's description (a <p>), read out with the field on focus rather than announced on every key.
 */
export function PasswordChecklist({ password, login }: { password: string; login?: string | undefined }) {
  const { t } = useTranslation();
  const unmet = new Set(unmetPasswordRules(password, login));
  const rules = RULES.filter((rule) => rule !== 'notLogin' || (login !== undefined && login !== ''));
  return (
    <span style={{ display: 'block', marginTop: 6 }}>
      <span style={{ display: 'block', fontWeight: 600, color: 'var(--mantine-color-text)' }}>
        {t('password.rulesTitle')}
      </span>
      {rules.map((rule) => {
        const met = !unmet.has(rule);
        const Icon = met ? IconCircleCheckFilled : IconCircleDashed;
        return (
          <span
            key={rule}
            data-rule={rule}
            data-met={met}
            style={{
              display: 'flex',
              alignItems: 'flex-start',
              gap: 6,
              marginTop: 4,
              color: met ? 'var(--mantine-color-forest-8)' : 'var(--mantine-color-text)',
            }}
          >
            <Icon size={20} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
            <span>
              {t(`password.rules.${rule}`, { min: String(PASSWORD_RULES.minLength) })}
              <span className="visually-hidden-label">
                {' – '}
                {met ? t('password.ruleMet') : t('password.ruleUnmet')}
              </span>
            </span>
          </span>
        );
      })}
    </span>
  );
}

export interface NewPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

interface NewPasswordFieldsProps {
  values: NewPasswordValues;
  onChange: (values: NewPasswordValues) => void;
  login?: string | undefined;
  errors: Partial<Record<keyof NewPasswordValues, string>>;
  newPasswordRef?: Ref<HTMLInputElement>;
}

/** "New password" with its live checklist underneath, and "repeat the new password". */
export function NewPasswordFields({
  values,
  onChange,
  login,
  errors,
  newPasswordRef,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        ref={newPasswordRef}
        name="newPassword"
        label={t('password.new')}
        autoComplete="new-password"
        value={values.newPassword}
        onChange={(event) => onChange({ ...values, newPassword: event.currentTarget.value })}
        error={errors.newPassword}
        description={<PasswordChecklist password={values.newPassword} login={login} />}
        inputWrapperOrder={['label', 'input', 'error', 'description']}
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        required
      />
      <PasswordInput
        name="confirmPassword"
        label={t('password.confirm')}
        autoComplete="new-password"
        value={values.confirmPassword}
        onChange={(event) => onChange({ ...values, confirmPassword: event.currentTarget.value })}
        error={errors.confirmPassword}
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        required
      />
    </>
  );
}

type Translate = (key: 'password.policyUnmet' | 'password.mismatch' | 'password.required') => string;

/** Client-side check before anything is sent; the server checks the same rules again. */
export function newPasswordErrors(values: NewPasswordValues, login: string | undefined, t: Translate) {
  const errors: Partial<Record<keyof NewPasswordValues, string>> = {};
  if (values.newPassword === '') errors.newPassword = t('password.required');
  else if (unmetPasswordRules(values.newPassword, login).length > 0)
    errors.newPassword = t('password.policyUnmet');
  if (values.newPassword !== '' && values.confirmPassword !== values.newPassword)
    errors.confirmPassword = t('password.mismatch');
  return errors;
}
