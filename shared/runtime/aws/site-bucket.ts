import { S3Client } from '@aws-sdk/client-s3';
import { S3SiteStore } from '../../adapters/s3/site-bucket.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** The public site's bucket (manifest `writePublicSite`). */
export const siteBucket: AwsAdapter<Pick<AppContext, 'site'>> = {
  name: 'siteBucket',
  ports: ['site'],
  build: (env) => ({
    site: new S3SiteStore(new S3Client({}), required(env, 'publicSiteBucket', 'public site bucket')),
  }),
};
