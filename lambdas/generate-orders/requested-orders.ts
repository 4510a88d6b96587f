import { demoOrders } from './demo-orders';
import type { GenerateOrdersRequest } from './generate-orders-request';
import { createOrders } from './order-factory';

/** The orders a request asks for, before they get their ids. */
export function requestedOrders(request: GenerateOrdersRequest): readonly unknown[] {
  switch (request.kind) {
    case 'demo':
      return demoOrders();
    case 'generated':
      return createOrders(request.count, request.invalidRatio);
    case 'given':
      return request.orders;
  }
}
