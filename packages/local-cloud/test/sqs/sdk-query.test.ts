import { describeSqsConformance } from './conformance';

describeSqsConformance('query');
