import { describe, expect, it } from 'vitest';
import { broadcastView } from '../../../shared/http/views.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';

describe('the staff view of a broadcast', () => {
  it('shows the facts the broadcast was rendered from', () => {
    const facts = { location: 'Main St', time: '21:40' };

    expect(broadcastView(approvedBroadcast({ facts })).facts).toEqual(facts);
  });

  it('leaves facts out of the JSON for a broadcast stored before broadcasts kept them', () => {
    const json = JSON.parse(JSON.stringify(broadcastView(approvedBroadcast())));

    expect(json).not.toHaveProperty('facts');
    expect(json.preview.xThread).toBeDefined();
  });
});
