import { deliveryWorker } from '../../shared/runtime/delivery-worker.js';

/** Publishes approved broadcasts to their SNS area-and-language topics, one topic per job. */
export const handler = deliveryWorker('sns');
