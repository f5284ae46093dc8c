import { PublicSiteJob } from '../../shared/domain/public-site.js';
import { siteBucket } from '../../shared/runtime/aws/site-bucket.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { resourceRepository } from '../../shared/runtime/library-ports.js';
import { queueWorker } from '../../shared/runtime/queue-worker.js';
import { broadcastRepository, incidentRepository } from '../../shared/runtime/table-ports.js';
import { publishPublicSite } from '../../shared/use-cases/publish-public-site.js';
import { WebSiteRenderer } from '../../web/site.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(incidentRepository, broadcastRepository, resourceRepository),
  siteBucket,
);

let renderer: WebSiteRenderer | undefined;

/**
 * The consumer of the `public-site` queue: renders the public pages, indexes, feeds and CAP
 * documents from the approved record into the site bucket (pages attach library resources, hence
 * the table adapter with the library). Each render reads the record as it is then; should two
 * renders race and the older finish last, the reconciler's sweep a minute later puts it right.
 */
export const handler = queueWorker({
  appContext,
  job: PublicSiteJob,
  kind: 'public site',
  inParallel: false,
  run: (app, job) => {
    renderer ??= new WebSiteRenderer(app.registry);
    return publishPublicSite({ ...app, renderer }, job);
  },
});
