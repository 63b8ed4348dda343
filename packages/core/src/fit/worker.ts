// @pacekit/core/fit-worker — the module a Web Worker runs for `fitBktInWorkers`: it fits the
// share of skills it is sent, one after another, answering with each fit as it is done.
import { type FitTasks, serveFitTasks } from '../bkt/threaded';

/** The worker's global scope, as far as this module uses it. */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: FitTasks }) => void): void;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.addEventListener('message', (event) => {
  void serveFitTasks(event.data, (answer) => scope.postMessage(answer));
});
