import { serviceUrls } from './service-urls';

describe('serviceUrls', () => {
  it('uses the default ports on 127.0.0.1', () => {
    expect(serviceUrls({})).toEqual({
      intake: 'http://127.0.0.1:3001',
      assessment: 'http://127.0.0.1:3002',
      'waiver-review': 'http://127.0.0.1:3003',
      notification: 'http://127.0.0.1:3004',
      audit: 'http://127.0.0.1:3005',
    });
  });

  it('follows each service port variable, and a full URL where one is given', () => {
    const urls = serviceUrls({ WAIVER_REVIEW_PORT: '4303', NOTIFICATION_URL: 'http://notification:3004/', FOREWARN_HOST: 'localhost' });
    expect(urls['waiver-review']).toBe('http://localhost:4303');
    expect(urls.notification).toBe('http://notification:3004');
  });
});
