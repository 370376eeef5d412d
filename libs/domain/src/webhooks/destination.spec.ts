import { destinationAllowList, isAllowedDestination, isAllowedWebhookUrl } from './destination.js';

describe('webhook destinations', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '192.0.2.10',
    'fd00::1',
    'fe80::1',
    'ff02::1',
    '::',
    '64:ff9b::7f00:1',
  ])('refuses %s', (address) => {
    expect(isAllowedDestination(address)).toBe(false);
  });

  it.each(['8.8.8.8', '190.12.34.56', '172.32.0.1', '100.128.0.1', '2800:200::1', '::ffff:190.12.34.56'])(
    'accepts the public address %s',
    (address) => {
      expect(isAllowedDestination(address)).toBe(true);
    },
  );

  it('refuses URLs that name this machine or a refused address at registration; names wait for delivery', () => {
    expect(isAllowedWebhookUrl('http://localhost:3000/x')).toBe(false);
    expect(isAllowedWebhookUrl('http://api.localhost/x')).toBe(false);
    expect(isAllowedWebhookUrl('http://127.0.0.1:8080/x')).toBe(false);
    expect(isAllowedWebhookUrl('http://[::1]/x')).toBe(false);
    expect(isAllowedWebhookUrl('https://169.254.169.254/latest/meta-data')).toBe(false);
    expect(isAllowedWebhookUrl('https://diresa.gob.pe/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://127.0.0.1:8080/x', destinationAllowList(['127.0.0.1']))).toBe(true);
  });

  it('refuses what is not an IP address, and lets the allow-list name internal receivers', () => {
    expect(isAllowedDestination('localhost')).toBe(false);
    const allowed = destinationAllowList(['127.0.0.1', '10.20.0.0/16', 'fd12::/16']);
    expect(isAllowedDestination('127.0.0.1', allowed)).toBe(true);
    expect(isAllowedDestination('127.0.0.2', allowed)).toBe(false);
    expect(isAllowedDestination('10.20.5.5', allowed)).toBe(true);
    expect(isAllowedDestination('10.21.0.1', allowed)).toBe(false);
    expect(isAllowedDestination('fd12::9', allowed)).toBe(true);
    expect(() => destinationAllowList(['intranet.local'])).toThrow(/not an IP/);
    expect(() => destinationAllowList(['10.0.0.0/40'])).toThrow(/prefix/);
  });
});
