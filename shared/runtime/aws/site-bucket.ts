import { clientAtFirstSend, s3Sdk } from '../../adapters/aws-sdk.js';
import { S3SiteStore } from '../../adapters/s3/site-bucket.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** The public site's bucket (manifest `writePublicSite`). */
export const siteBucket: AwsAdapter<Pick<AppContext, 'site'>> = {
  name: 'siteBucket',
  ports: ['site'],
  build: (env) => {
    const bucket = required(env, 'publicSiteBucket', 'public site bucket');
    return {
      site: new S3SiteStore(
        clientAtFirstSend(async () => new (await s3Sdk()).S3Client({})),
        bucket,
      ),
    };
  },
};
