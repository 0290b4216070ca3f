import { isDevelopmentMode, jwtSecret } from './jwt-options';

describe('the token secret', () => {
  const own = 'a-deployment-secret-of-forty-characters!';

  it('is the development secret only in development mode', () => {
    expect(isDevelopmentMode({ FOREWARN_DEV_MODE: '1' })).toBe(true);
    expect(isDevelopmentMode({})).toBe(false);
    expect(jwtSecret({ FOREWARN_DEV_MODE: '1' })).toBe('forewarn-dev-secret-change-me');
    expect(jwtSecret({ FOREWARN_DEV_MODE: '1', FOREWARN_JWT_SECRET: own })).toBe(own);
  });

  it('is the deployment its own, and names the variable when it is missing, published or short', () => {
    expect(jwtSecret({ FOREWARN_JWT_SECRET: own })).toBe(own);
    expect(() => jwtSecret({})).toThrow(/^FOREWARN_JWT_SECRET is not set/);
    expect(() => jwtSecret({ NODE_ENV: 'production', FOREWARN_JWT_SECRET: '' })).toThrow(/^FOREWARN_JWT_SECRET is not set/);
    expect(() => jwtSecret({ FOREWARN_JWT_SECRET: 'forewarn-dev-secret-change-me' })).toThrow(/^FOREWARN_JWT_SECRET is the development secret/);
    expect(() => jwtSecret({ FOREWARN_JWT_SECRET: 'short' })).toThrow('FOREWARN_JWT_SECRET is 5 characters long: it must be at least 32');
  });
});
