import type { LogLineView } from '../console-contract';
import { formatLogLine } from './log-line-format';

/** One log line: a JSON line as its fields, its level as a coloured badge with the level's name. */
export function LogLine({
  line,
  showStream = false,
}: {
  readonly line: LogLineView;
  readonly showStream?: boolean;
}) {
  const formatted = formatLogLine(line.message);
  const level = formatted.level ?? '';
  return (
    <li class="log-line" data-testid="log-line" data-level={level}>
      <time dateTime={new Date(line.timestamp).toISOString()}>
        {new Date(line.timestamp).toISOString().slice(11, 23)}
      </time>
      {level ? <span class={`level level-${level.toLowerCase()}`}>{level}</span> : <span class="level" />}
      {showStream && (
        <span class="muted stream" title={line.logStreamName}>
          {instanceOf(line.logStreamName)}
        </span>
      )}
      {formatted.fields ? (
        <span class="fields">
          {formatted.fields.map(([key, value]) => (
            <span class="field" key={key}>
              <span class="field-key">{key}</span>=<span class="field-value">{value}</span>
            </span>
          ))}
        </span>
      ) : (
        <span class="text">{formatted.text}</span>
      )}
    </li>
  );
}

/** A Lambda log stream's instance id, cut to 8 characters as the CLI prints it; other names as they are. */
function instanceOf(logStreamName: string): string {
  const instance = /\]([0-9a-f]{8,})$/.exec(logStreamName)?.[1];
  return instance === undefined ? logStreamName : instance.slice(0, 8);
}
