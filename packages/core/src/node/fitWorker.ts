// A worker thread of fitBktParallel: fits the share of skills it is sent, one after another,
// answering with each fit as it is done (or the error that stopped it).
import { parentPort } from 'node:worker_threads';
import { type FitTasks, serveFitTasks } from '../bkt/threaded';

parentPort!.on('message', (message: FitTasks) =>
  serveFitTasks(message, (answer) => parentPort!.postMessage(answer)),
);
