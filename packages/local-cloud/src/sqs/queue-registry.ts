import { queueDoesNotExist } from './errors';
import { Queue } from './queue';

// The URL cache only saves parsing; past this many distinct URLs it starts over rather than grow.
const URL_CACHE_LIMIT = 10_000;

/** The queues of one account and region, found by name, URL or ARN. */
export class QueueRegistry {
  private readonly byName = new Map<string, Queue>();
  private readonly byUrl = new Map<string, Queue>();

  /**
   * @param endpoint base URL of the queue URLs; the server sets it once it knows its port.
   */
  constructor(
    readonly accountId: string,
    readonly region: string,
    public endpoint: string,
  ) {}

  /** The queue with this name, if it exists. */
  get(name: string): Queue | undefined {
    return this.byName.get(name);
  }

  /** Every queue, in creation order. */
  values(): IterableIterator<Queue> {
    return this.byName.values();
  }

  /** Every queue name, in creation order. */
  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** Creates a queue; its FifoQueue attribute decides its type. */
  add(name: string, attributes: Record<string, string>, tags: Record<string, string>, now: number): Queue {
    const url = `${this.endpoint}/${this.accountId}/${name}`;
    const queue = new Queue(
      name,
      url,
      this.arnOf(name),
      attributes.FifoQueue === 'true',
      now,
      attributes,
      tags,
    );
    this.byName.set(name, queue);
    return queue;
  }

  /** Forgets a queue, under its name and every URL it was found by. */
  delete(queue: Queue): void {
    this.byName.delete(queue.name);
    for (const [url, cached] of this.byUrl) {
      if (cached === queue) this.byUrl.delete(url);
    }
  }

  /** The queue a queue URL names, whatever host it carries, or QueueDoesNotExist. */
  resolveUrl(url: string): Queue {
    const cached = this.byUrl.get(url);
    if (cached) return cached;
    const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\/+$/, '');
    const segments = path.split('/').filter((segment) => segment !== '');
    const name = segments[segments.length - 1];
    const account = segments.length >= 2 ? segments[segments.length - 2] : this.accountId;
    const queue = name !== undefined && account === this.accountId ? this.byName.get(name) : undefined;
    if (!queue) throw queueDoesNotExist();
    if (this.byUrl.size > URL_CACHE_LIMIT) this.byUrl.clear();
    this.byUrl.set(url, queue);
    return queue;
  }

  /** The queue with this ARN, if it is one of this account's and region's and exists. */
  findByArn(arn: string): Queue | undefined {
    const prefix = this.arnOf('');
    return arn.startsWith(prefix) ? this.byName.get(arn.slice(prefix.length)) : undefined;
  }

  /** The ARN a queue of this name has. */
  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }
}
