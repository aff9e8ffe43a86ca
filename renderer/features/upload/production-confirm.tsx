import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Dialog, Divider, Heading, Text, TextField } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';

/** The dialog that asks for a production connection's client code before anything is sent (a new upload, or the rest of a paused one). */
export function ProductionConfirm(props: {
  readonly mode: 'send' | 'resume';
  readonly connection: ConnectionView;
  readonly rows: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === props.connection.clientCode;
  return (
    <Dialog data-testid="production-confirm">
      <Heading>{props.mode === 'send' ? t('upload.confirmTitle') : t('upload.confirmResumeTitle')}</Heading>
      <Divider />
      <Content>
        <Text>
          {props.mode === 'send'
            ? t('upload.confirmBody', { rows: props.rows, name: props.connection.name, clientCode: props.connection.clientCode })
            : t('upload.confirmResumeBody', { rows: props.rows, name: props.connection.name, clientCode: props.connection.clientCode })}
        </Text>
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
          {props.mode === 'send' ? t('upload.confirmSend') : t('upload.confirmResume')}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}
