import type {
  GetEventSourceMappingRequest,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  InvocationRequest,
  ListEventSourceMappingsRequest,
  ListEventSourceMappingsResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateEventSourceMappingRequest,
} from '@aws-sdk/client-lambda';
import type { LocalFunctionDefinition, LocalStackDefinition } from '../assembly/local-stack';
import type {
  EventSourceMappingConfiguration,
  EventSourceMappingService,
} from '../event-source-mapping/event-source-mapping-service';
import type { LogsService } from '../logs/logs-service';
import type { WireRequest } from '../protocol/wire-request';
import { LambdaApiError } from './api-errors';
import {
  FunctionCatalog,
  type FunctionConfiguration,
  type GetFunctionResponse,
} from './function-configuration';
import { functionNameOf } from './function-name';
import { type InvokeResult, invokeFunction } from './lambda-operations-invoke';
import type { LambdaService } from './lambda-service';

/** The parts of the local cloud the Lambda API answers from; a `LocalCloud` is one. */
export interface LambdaApiServices {
  readonly lambda: LambdaService;
  readonly logs: LogsService;
  /** Answers the event source mapping operations. @default - they answer UnknownOperationException */
  readonly eventSourceMappings?: EventSourceMappingService;
  /** The template, for what GetFunction reports beyond the function definitions (role, tags, ...). */
  readonly stack?: Pick<LocalStackDefinition, 'resolver' | 'stackName'>;
}

/** Page sizes Lambda uses when MaxItems is not given. */
const PAGE_SIZE = { functions: 50, eventSourceMappings: 100 } as const;
const MAXIMUM_PAGE_SIZE = 10_000;

/** One page of a list, with Lambda's `Marker` (an offset here) and `MaxItems`; bad values read as absent. */
function page<T>(
  items: readonly T[],
  request: WireRequest<{ Marker?: string; MaxItems?: number }>,
  defaultSize: number,
): { items: T[]; next?: string } {
  const start = Number(request.Marker ?? 0);
  const size = Math.min(Number(request.MaxItems ?? defaultSize), MAXIMUM_PAGE_SIZE);
  const from = Number.isInteger(start) && start > 0 ? start : 0;
  const count = Number.isInteger(size) && size > 0 ? size : defaultSize;
  const slice = items.slice(from, from + count);
  return { items: slice, ...(from + count < items.length ? { next: String(from + count) } : {}) };
}

/** A request member as a string, or `undefined`. */
function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new LambdaApiError(
      'InvalidParameterValueException',
      `${name} must be a string (given ${JSON.stringify(value)})`,
    );
  }
  return value;
}

function requiredString(value: unknown, name: string): string {
  const text = optionalString(value, name);
  if (text === undefined) throw new LambdaApiError('InvalidParameterValueException', `${name} is required`);
  return text;
}

/**
 * Lambda's API operations over the local functions and event source mappings, each named after the
 * API and typed with the SDK's request shapes; the REST routes of {@link lambdaApi} hand them the
 * path, query and body members. Function names may be names or ARNs, with `$LATEST` as the only
 * qualifier.
 *
 * @example
 * const operations = new LambdaOperations(cloud);
 * operations.getFunction({ FunctionName: 'OrderPipeline-ProcessOrders' }).Configuration.Runtime;
 */
export class LambdaOperations {
  private readonly catalog: FunctionCatalog;

  constructor(private readonly services: LambdaApiServices) {
    this.catalog = new FunctionCatalog(services.stack);
  }

  /** Invoke: see {@link invokeFunction}. */
  invoke(request: WireRequest<InvocationRequest>): Promise<InvokeResult> {
    return invokeFunction(this.services.lambda, this.services.logs, request);
  }

  listFunctions(
    request: WireRequest<ListFunctionsRequest>,
  ): Pick<ListFunctionsResponse, 'NextMarker'> & { Functions: FunctionConfiguration[] } {
    const { items, next } = page(this.services.lambda.listFunctions(), request, PAGE_SIZE.functions);
    return {
      Functions: items.map((definition) => this.catalog.listed(definition)),
      ...(next === undefined ? {} : { NextMarker: next }),
    };
  }

  /** @throws ResourceNotFoundException for an unknown function or a version other than `$LATEST` */
  getFunction(request: WireRequest<GetFunctionRequest>): GetFunctionResponse {
    return this.catalog.getFunction(this.definition(request));
  }

  /** @throws ResourceNotFoundException for an unknown function or a version other than `$LATEST` */
  getFunctionConfiguration(request: WireRequest<GetFunctionConfigurationRequest>): FunctionConfiguration {
    return this.catalog.configuration(this.definition(request));
  }

  /** The mappings of a function or of an event source, in pages. */
  listEventSourceMappings(request: WireRequest<ListEventSourceMappingsRequest>): Pick<
    ListEventSourceMappingsResponse,
    'NextMarker'
  > & {
    EventSourceMappings: EventSourceMappingConfiguration[];
  } {
    const functionName = optionalString(request.FunctionName, 'FunctionName');
    const mappings = this.mappings().listEventSourceMappings({
      functionName: functionName === undefined ? undefined : functionNameOf(functionName),
      eventSourceArn: optionalString(request.EventSourceArn, 'EventSourceArn'),
    });
    const { items, next } = page(mappings, request, PAGE_SIZE.eventSourceMappings);
    return { EventSourceMappings: items, ...(next === undefined ? {} : { NextMarker: next }) };
  }

  getEventSourceMapping(request: WireRequest<GetEventSourceMappingRequest>): EventSourceMappingConfiguration {
    return this.mappings().getEventSourceMapping(requiredString(request.UUID, 'UUID'));
  }

  /** Changes a mapping's settings; the pollers take them at once. */
  updateEventSourceMapping(
    request: WireRequest<UpdateEventSourceMappingRequest>,
  ): EventSourceMappingConfiguration {
    const uuid = requiredString(request.UUID, 'UUID');
    const { FunctionName } = request;
    const update =
      typeof FunctionName === 'string' ? { ...request, FunctionName: functionNameOf(FunctionName) } : request;
    return this.mappings().updateEventSourceMapping(uuid, update);
  }

  private definition(request: WireRequest<GetFunctionRequest>): LocalFunctionDefinition {
    const name = requiredString(request.FunctionName, 'FunctionName');
    return this.services.lambda.getFunction(
      functionNameOf(name, optionalString(request.Qualifier, 'Qualifier')),
    );
  }

  private mappings(): EventSourceMappingService {
    if (this.services.eventSourceMappings === undefined) {
      throw new LambdaApiError('UnknownOperationException', 'event source mappings are not served here');
    }
    return this.services.eventSourceMappings;
  }
}
