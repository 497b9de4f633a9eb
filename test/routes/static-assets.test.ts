import request from 'supertest';
import { buildTestApp } from '../support/test-app';

describe('the NHS.UK icons the stylesheet asks for', () => {
  it.each(['nhsuk-icon-cross.svg', 'nhsuk-icon-arrow-down.svg', 'nhsuk-icon-arrow-up.svg'])(
    'serves /assets/images/%s (the stylesheet links it by that absolute address)',
    async (file) => {
      const { app } = buildTestApp();
      const res = await request(app).get(`/assets/images/${file}`).expect(200);
      expect(res.headers['content-type']).toContain('image/svg+xml');
    },
  );

  it('still answers 404 for an image that does not exist', async () => {
    const { app } = buildTestApp();
    await request(app).get('/assets/images/no-such-icon.svg').expect(404);
  });
});
