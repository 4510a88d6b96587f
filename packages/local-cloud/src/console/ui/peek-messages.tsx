import { useState } from 'preact/hooks';
import type { PeekedMessage } from '../console-contract';
import { errorText, getJson, segment } from './api';
import { ErrorMessage } from './messages';

/** A look at up to 100 of a queue's messages, which changes neither their visibility nor their receive count. */
export function PeekMessages({ queueName }: { readonly queueName: string }) {
  const [messages, setMessages] = useState<readonly PeekedMessage[]>();
  const [error, setError] = useState<string>();
  const peek = () =>
    getJson<PeekedMessage[]>(`queues/${segment(queueName)}/messages?limit=100`).then(
      (answer) => {
        setMessages(answer);
        setError(undefined);
      },
      (failure) => setError(errorText(failure)),
    );
  return (
    <section aria-labelledby="peek-heading">
      <h4 id="peek-heading">Messages</h4>
      <p class="note">
        Peeking changes neither a message's visibility nor its receive count: it is not a ReceiveMessage, and
        the functions reading the queue see exactly what they would have seen.
      </p>
      <button type="button" onClick={peek} data-testid="peek-messages">
        Peek at up to 100 messages
      </button>
      <ErrorMessage error={error} />
      {messages && messages.length === 0 && <p>The queue is empty.</p>}
      {messages && messages.length > 0 && <PeekedMessagesTable messages={messages} />}
    </section>
  );
}

function PeekedMessagesTable({ messages }: { readonly messages: readonly PeekedMessage[] }) {
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">Message id</th>
          <th scope="col">State</th>
          <th scope="col">Receive count</th>
          <th scope="col">Sent</th>
          <th scope="col">Attributes</th>
          <th scope="col">Body</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.messageId} data-testid="peeked-message">
            <td>
              <code>{message.messageId}</code>
            </td>
            <td>{message.state}</td>
            <td>{message.receiveCount}</td>
            <td>{new Date(message.sentMs).toISOString().slice(11, 23)}</td>
            <td>
              {Object.entries(message.messageAttributes).map(([name, value]) => (
                <div key={name}>
                  <code>
                    {name}={value}
                  </code>
                </div>
              ))}
            </td>
            <td>
              <code class="clip">{message.body}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
