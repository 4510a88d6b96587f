#!/usr/bin/env node
import { createOrderPipelineApp } from '../lib/order-pipeline-app';

createOrderPipelineApp();
