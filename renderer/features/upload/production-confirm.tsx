import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Dialog, Divider, Heading, Text, TextField } from '@adobe/react-spectrum';
import type { ConnectionProfileView } from '../../../shared/contract/profiles.js';

/** The dialog that asks for a production connection's client code before anything is sent. */
export function ProductionConfirm(props: {
  readonly profile: ConnectionProfileView;
  readonly rows: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === props.profile.clientCode;
  return (
    <Dialog data-testid="production-confirm">
      <Heading>{t('upload.confirmTitle')}</Heading>
      <Divider />
      <Content>
        <Text>{t('upload.confirmBody', { rows: props.rows, name: props.profile.name, clientCode: props.profile.clientCode })}</Text>
        <TextField
          label={t('upload.confirmLabel')}
          value={typed}
          onChange={setTyped}
          autoFocus
          width="100%"
          marginTop="size-200"
          validationState={typed === '' || matches ? undefined : 'invalid'}
          errorMessage={t('upload.confirmMismatch')}
          data-testid="production-confirm-input"
        />
      </Content>
      <ButtonGroup>
        <Button variant="secondary" onPress={props.onCancel}>
          {t('upload.cancel')}
        </Button>
        <Button variant="negative" isDisabled={!matches} onPress={props.onConfirm} data-testid="production-confirm-send">
          {t('upload.confirmSend')}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}
