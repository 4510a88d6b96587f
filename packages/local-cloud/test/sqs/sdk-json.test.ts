import { describeSqsConformance } from './conformance';

describeSqsConformance('json');
