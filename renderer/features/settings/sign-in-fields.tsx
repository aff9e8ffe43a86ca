import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup, TextField } from '@adobe/react-spectrum';
import type { FieldName, SignInMethod } from './connection-fields.js';

/** The form values the sign-in fields edit. */
export interface SignInValues {
  readonly signIn: SignInMethod;
  readonly token: string;
  readonly tokenExpiresAt: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly orgId: string;
  readonly tenantId: string;
  readonly scopes: string;
  readonly imsUrl: string;
  readonly adminApiUrl: string;
}

/** What the fields need from the form: values, a setter, and each field's problem. */
export interface SignInFieldProps {
  readonly values: SignInValues;
  readonly set: <K extends keyof SignInValues>(key: K, value: SignInValues[K]) => void;
  /** The shown problem of a field, already in words. */
  readonly message: (field: FieldName) => string | undefined;
  /** Re-checks a field that shows a problem once it loses focus. */
  readonly recheck: (field: FieldName) => void;
  /** A token or client secret is already saved for this connection. */
  readonly hasToken: boolean;
  readonly hasClientSecret: boolean;
}

/**
 * How the connection signs in: a Profile API token pasted from Target (with its expiry date, when known),
 * or Adobe Developer Console (OAuth Server-to-Server), with which the app gets and renews the token
 * itself. Every field says where its value is found; secrets are write-only.
 */
export function SignInFields(props: SignInFieldProps) {
  const { t } = useTranslation();
  const { values: v, set, message } = props;
  const field = (name: Exclude<FieldName, 'production' | 'name' | 'clientCode' | 'baseUrl' | 'caFile'>, extra: { label: string; description: string; password?: boolean; testId: string }) => (
    <TextField
      key={name}
      width="100%"
      label={extra.label}
      description={extra.description}
      value={v[name]}
      onChange={(x) => set(name, x)}
      onBlur={() => props.recheck(name)}
      {...(extra.password ? { type: 'password' as const, autoComplete: 'off' } : {})}
      validationState={message(name) === undefined ? undefined : 'invalid'}
      errorMessage={message(name)}
      data-testid={extra.testId}
    />
  );
  return (
    <>
      <RadioGroup label={t('settings.signIn')} description={t('settings.signInHelp')} value={v.signIn} onChange={(x) => set('signIn', x === 'adobe-oauth' ? 'adobe-oauth' : 'token')} data-testid="sign-in-choice">
        <Radio value="token">{t('settings.signInToken')}</Radio>
        <Radio value="adobe-oauth">{t('settings.signInOAuth')}</Radio>
      </RadioGroup>
      {v.signIn === 'token' ? (
        <>
          {field('token', { label: t('settings.token'), description: props.hasToken ? t('settings.tokenHelpSaved') : t('settings.tokenHelpNew'), password: true, testId: 'token-field' })}
          {field('tokenExpiresAt', { label: t('settings.tokenExpiresAt'), description: t('settings.tokenExpiresAtHelp'), testId: 'token-expires-field' })}
        </>
      ) : (
        <fieldset className="oauth-fields" data-testid="oauth-fields">
          <legend>{t('settings.oauthLegend')}</legend>
          <p className="batch-message">{t('settings.oauthIntro')}</p>
          {field('clientId', { label: t('settings.clientId'), description: t('settings.clientIdHelp'), testId: 'client-id-field' })}
          {field('clientSecret', {
            label: t('settings.clientSecret'),
            description: props.hasClientSecret ? t('settings.clientSecretHelpSaved') : t('settings.clientSecretHelpNew'),
            password: true,
            testId: 'client-secret-field',
          })}
          {field('orgId', { label: t('settings.orgId'), description: t('settings.orgIdHelp'), testId: 'org-id-field' })}
          {field('tenantId', { label: t('settings.tenantId'), description: t('settings.tenantIdHelp'), testId: 'tenant-id-field' })}
          {field('scopes', { label: t('settings.scopes'), description: t('settings.scopesHelp'), testId: 'scopes-field' })}
          {field('imsUrl', { label: t('settings.imsUrl'), description: t('settings.imsUrlHelp'), testId: 'ims-url-field' })}
          {field('adminApiUrl', { label: t('settings.adminApiUrl'), description: t('settings.adminApiUrlHelp'), testId: 'admin-api-url-field' })}
        </fieldset>
      )}
    </>
  );
}
