import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { LOCAL_CREDENTIALS } from '../assembly/local-environment';
import type { LocalTableDefinition } from '../assembly/local-stack';
import { guardLoopbackHost } from '../loopback-host';
import { cacheDynaliteConditionParses } from './condition-expression-cache';
import { DynamoDbFaults } from './dynamodb-faults';
import { interceptWithFaults } from './fault-interceptor';

/** Options of {@link startDynamoDb}. */
export interface DynamoDbServiceOptions {
  /** The port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** A folder that keeps the tables across runs (LevelDB). @default - in memory */
  readonly path?: string;
  /** Region the endpoint's client signs for. @default 'us-east-1' */
  readonly region?: string;
}

/** A table kept on disk whose keys are not the template's any more. */
export class TableKeySchemaMismatchError extends Error {
  constructor(
    public readonly tableName: string,
    kept: string,
    wanted: string,
  ) {
    super(
      `table ${tableName} on disk has the keys ${kept}, but the template gives ${wanted}; ` +
        'delete the DynamoDB state folder to start afresh',
    );
    this.name = 'TableKeySchemaMismatchError';
  }
}

/** Polls of DescribeTable, a few milliseconds apart, before a created table must be ACTIVE. */
const ACTIVE_POLLS = 100;
const ACTIVE_POLL_INTERVAL_MS = 5;

/** A running embedded DynamoDB (dynalite) on 127.0.0.1. */
export class DynamoDbService {
  /** A client for the endpoint, signed with the local cloud's dummy credentials. */
  public readonly client: DynamoDBClient;

  constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>` */
    public readonly endpoint: string,
    region: string,
    /**
     * Errors and latency injected at the endpoint, for fault-injection tests; off until set. Only
     * the instance {@link interceptWithFaults} put in front of `server` has any effect.
     */
    public readonly faults: DynamoDbFaults,
  ) {
    this.client = new DynamoDBClient({
      endpoint,
      region,
      credentials: {
        accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
  }

  /**
   * Creates each table as the template defines it (keys, attribute definitions, billing mode,
   * indexes) and waits until it is ACTIVE. A table that exists already (kept on disk) is left as is.
   * @returns the names of the tables created now.
   */
  async createTables(tables: readonly LocalTableDefinition[]): Promise<string[]> {
    const created: string[] = [];
    for (const table of tables) {
      try {
        await this.client.send(new CreateTableCommand(createTableInput(table)));
        created.push(table.tableName);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        await this.assertSameKeySchema(table);
      }
      await this.waitUntilActive(table.tableName);
    }
    return created;
  }

  /** Stops the server, dropping open keep-alive connections, and closes the store. */
  async stop(): Promise<void> {
    this.client.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  /** A table kept on disk must still have the template's keys, or every write would fail obscurely. */
  private async assertSameKeySchema(table: LocalTableDefinition): Promise<void> {
    const { Table } = await this.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    const describe = (keys: readonly { AttributeName?: string; KeyType?: string }[] = []) =>
      keys.map((key) => `${key.AttributeName} (${key.KeyType})`).join(', ');
    const kept = describe(Table?.KeySchema);
    const wanted = describe(table.keySchema);
    if (kept !== wanted) throw new TableKeySchemaMismatchError(table.tableName, kept, wanted);
  }

  private async waitUntilActive(tableName: string): Promise<void> {
    for (let poll = 0; poll < ACTIVE_POLLS; poll++) {
      const { Table } = await this.client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_INTERVAL_MS));
    }
    throw new Error(`table ${tableName} did not become ACTIVE after ${ACTIVE_POLLS} polls`);
  }
}

/** The CreateTable request for a table of the template. */
export function createTableInput(table: LocalTableDefinition): CreateTableCommandInput {
  return {
    TableName: table.tableName,
    KeySchema: [...table.keySchema],
    AttributeDefinitions: [...table.attributeDefinitions],
    BillingMode: table.billingMode,
    ProvisionedThroughput: table.billingMode === 'PROVISIONED' ? table.provisionedThroughput : undefined,
    GlobalSecondaryIndexes: table.globalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
    LocalSecondaryIndexes: table.localSecondaryIndexes as CreateTableCommandInput['LocalSecondaryIndexes'],
  };
}

/**
 * Starts dynalite in this process on 127.0.0.1, with table creation and deletion immediate (its
 * default keeps a new table CREATING for half a second), in memory or in a folder, behind the
 * fault injection of {@link DynamoDbService.faults} (off by default). Condition expressions without
 * attribute names or values are parsed once (`condition-expression-cache.ts`).
 *
 * @example
 * const dynamodb = await startDynamoDb();
 * await dynamodb.createTables(local.tables);
 * // point clients at dynamodb.endpoint; then
 * await dynamodb.stop();
 */
export async function startDynamoDb(options: DynamoDbServiceOptions = {}): Promise<DynamoDbService> {
  cacheDynaliteConditionParses();
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const faults = new DynamoDbFaults();
  interceptWithFaults(server, faults);
  guardLoopbackHost(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return new DynamoDbService(server, `http://127.0.0.1:${port}`, options.region ?? 'us-east-1', faults);
}
