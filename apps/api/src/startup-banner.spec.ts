import { startupBanner } from './startup-banner.js';

describe('startupBanner', () => {
  const baseUrl = 'http://localhost:3000';

  it('says what this is and where to open it and its API docs', () => {
    const banner = startupBanner({ baseUrl, demo: null, cwd: '/srv' });
    expect(banner).toContain('Asamblea Popular Regional de Cajamarca');
    expect(banner).toContain('http://localhost:3000/\n');
    expect(banner).toContain('http://localhost:3000/api/docs');
    expect(banner).toMatch(/listening on http:\/\/localhost:3000\s/);
    expect(banner).not.toContain('@asamblea.local');
  });

  it('on the first demo start shows the accounts, the password once and what to try', () => {
    const banner = startupBanner({
      baseUrl,
      demo: { credentialsFile: '/srv/app/.data/demo-credentials.txt', password: 'clave-1' },
      cwd: '/srv/app',
    });
    for (const account of [
      'admin@asamblea.local',
      'moderador@asamblea.local',
      'enlace.diresa@asamblea.local',
    ])
      expect(banner).toContain(account);
    expect(banner).toContain('delegado01@asamblea.local … delegado60@asamblea.local');
    expect(banner.split('clave-1')).toHaveLength(2);
    expect(banner).toContain('.data/demo-credentials.txt');
    expect(banner).not.toContain('/srv/app/.data');
    expect(banner).toContain('http://localhost:3000/mesa');
    expect(banner).toContain('http://localhost:3000/delegado');
  });

  it('on later starts points at the credentials file instead of printing the password', () => {
    const banner = startupBanner({
      baseUrl,
      demo: { credentialsFile: '/tmp/x/demo-credentials.txt', password: null },
      cwd: '/srv/app',
    });
    expect(banner).toContain('password in: /tmp/x/demo-credentials.txt');
    expect(banner).toContain('moderador@asamblea.local');
  });
});
