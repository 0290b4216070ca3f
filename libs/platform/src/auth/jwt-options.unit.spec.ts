import { checkAuthenticationSettings, isDevelopmentMode, jwtSecret } from './jwt-options';

describe('the development tokens\' secret', () => {
  const own = 'a-deployment-secret-of-forty-characters!';

  it('is the development secret, or one given, only in development mode', () => {
    expect(isDevelopmentMode({ FOREWARN_DEV_MODE: '1' })).toBe(true);
    expect(isDevelopmentMode({})).toBe(false);
    expect(jwtSecret({ FOREWARN_DEV_MODE: '1' })).toBe('forewarn-dev-secret-change-me');
    expect(jwtSecret({ FOREWARN_DEV_MODE: '1', FOREWARN_JWT_SECRET: own })).toBe(own);
    expect(() => jwtSecret({ FOREWARN_DEV_MODE: '1', FOREWARN_JWT_SECRET: 'short' })).toThrow('FOREWARN_JWT_SECRET is 5 characters long: it must be at least 32');
    expect(() => jwtSecret({ FOREWARN_JWT_SECRET: own })).toThrow(/^FOREWARN_JWT_SECRET: shared-secret \(HS256\) tokens are for development mode only/);
  });
});

describe('a service\'s authentication settings', () => {
  const issuer = 'https://idp.agency.example';

  it('outside development mode need an identity provider, named when missing or not https', () => {
    expect(() => checkAuthenticationSettings({})).toThrow(/^FOREWARN_OIDC_ISSUER is not set/);
    expect(() => checkAuthenticationSettings({ NODE_ENV: 'production', FOREWARN_OIDC_ISSUER: ' ' })).toThrow(/^FOREWARN_OIDC_ISSUER is not set/);
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: 'http://idp.agency.example' })).toThrow('FOREWARN_OIDC_ISSUER=http://idp.agency.example must be an https URL');
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: 'idp' })).toThrow('FOREWARN_OIDC_ISSUER=idp is not a URL');
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: issuer })).not.toThrow();
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: 'http://127.0.0.1:3010' })).not.toThrow();
  });

  it('outside development mode refuse a shared secret, the published one first of all', () => {
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: issuer, FOREWARN_JWT_SECRET: 'forewarn-dev-secret-change-me' })).toThrow(/^FOREWARN_JWT_SECRET is the development secret/);
    expect(() => checkAuthenticationSettings({ FOREWARN_OIDC_ISSUER: issuer, FOREWARN_JWT_SECRET: 'a-deployment-secret-of-forty-characters!' })).toThrow(/^FOREWARN_JWT_SECRET is set, but shared-secret tokens are for development mode only/);
  });

  it('in development mode take the development tokens, with or without a provider', () => {
    expect(() => checkAuthenticationSettings({ FOREWARN_DEV_MODE: '1' })).not.toThrow();
    expect(() => checkAuthenticationSettings({ FOREWARN_DEV_MODE: '1', FOREWARN_OIDC_ISSUER: 'http://127.0.0.1:3010' })).not.toThrow();
  });
});
