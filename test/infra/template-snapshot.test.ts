import { synthesizeTemplate } from './synthesize';

test('the synthesized template matches the snapshot (asset hashes scrubbed)', () => {
  expect(synthesizeTemplate().toJSON()).toMatchSnapshot();
});
