import { deliveryWorker } from '../../shared/runtime/delivery-worker.js';

/** Posts approved broadcasts to X, one account (post or thread) per job. */
export const handler = deliveryWorker('x');
