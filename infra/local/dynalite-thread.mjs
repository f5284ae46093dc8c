// The embedded DynamoDB on its own thread, so its CPU work does not compete with the handlers on
// the main thread. Plain JavaScript: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({ ...workerData, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
// Node closes a kept-alive connection after 5 s idle, and the SDK may pick that socket up at the
// same moment: after a large approval leaves dozens idle, every retry of the next request can land
// on one being closed ("socket hang up", a 500 at 400 accounts). DynamoDB's endpoint keeps idle
// connections far longer than that, so the embedded one does too.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'close') server.close(() => parentPort.postMessage({ closed: true }));
});
