import { useState } from 'preact/hooks';
import type { SendMessageForm as SendMessageBody } from '../console-contract';
import { errorText, postJson, segment } from './api';
import { AttributeFields, type AttributeRow } from './attribute-fields';
import { ErrorMessage, StatusMessage } from './messages';

interface SendMessageFormProps {
  readonly queueName: string;
  readonly onSent: () => void;
}

/** Sends a message with string attributes and an optional delay, as SendMessage would. */
export function SendMessageForm({ queueName, onSent }: SendMessageFormProps) {
  const [body, setBody] = useState('');
  const [delay, setDelay] = useState('');
  const [rows, setRows] = useState<readonly AttributeRow[]>([]);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const form: SendMessageBody = {
      body,
      messageAttributes: Object.fromEntries(
        rows.filter((row) => row.name !== '').map((row) => [row.name, row.value]),
      ),
      ...(delay === '' ? {} : { delaySeconds: Number(delay) }),
    };
    try {
      const { messageId } = await postJson<{ messageId: string }>(
        `queues/${segment(queueName)}/messages`,
        form,
      );
      setStatus(`Sent message ${messageId}.`);
      setError(undefined);
      onSent();
    } catch (failure) {
      setError(errorText(failure));
      setStatus(undefined);
    }
  };

  return (
    <form class="send-form" onSubmit={submit} data-testid="send-message-form" aria-labelledby="send-heading">
      <h4 id="send-heading">Send a message</h4>
      <label for="send-body">Body</label>
      <textarea
        id="send-body"
        rows={4}
        value={body}
        onInput={(event) => setBody(event.currentTarget.value)}
        required
      />
      <AttributeFields rows={rows} onChange={setRows} />
      <label for="send-delay">Delay (seconds, 0 to 900)</label>
      <input
        id="send-delay"
        type="number"
        min={0}
        max={900}
        value={delay}
        onInput={(event) => setDelay(event.currentTarget.value)}
      />
      <div>
        <button type="submit" data-testid="send-submit">
          Send to {queueName}
        </button>
      </div>
      <StatusMessage status={status} />
      <ErrorMessage error={error} />
    </form>
  );
}
