import { describe, expect, it } from 'vitest';
import { clientKeys, networkOf } from './abuse.ts';
import { maskedAddress } from './bhxh-code.ts';

describe('the network of an address', () => {
  it('is the /24 of an IPv4 address, also when written IPv4-mapped', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.5')).toBe('203.0.113.0/24');
  });

  it('is the /64 of an IPv6 address, however it is abbreviated', () => {
    expect(networkOf('2001:db8:0:1::42')).toBe('2001:db8:0:1::/64');
    expect(networkOf('2001:0DB8:0000:0001:ffff:0:0:1')).toBe('2001:db8:0:1::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(networkOf('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
  });

  it('gives addresses of one network the same network hash and different address hashes', () => {
    const a = clientKeys('secret-secret-secret-secret-secret', '2001:db8:0:1::1');
    const b = clientKeys('secret-secret-secret-secret-secret', '2001:db8:0:1:abcd::2');
    const c = clientKeys('secret-secret-secret-secret-secret', '2001:db8:0:2::1');
    expect(a.networkHash).toBe(b.networkHash);
    expect(a.ipHash).not.toBe(b.ipHash);
    expect(c.networkHash).not.toBe(a.networkHash);
  });
});

describe('the masked address of a look-up result', () => {
  it('hides the house number and lane, keeps the street, commune and province', () => {
    expect(maskedAddress('Số 12, ngõ 34, đường Láng', 'Phường Láng', 'Thành phố Hà Nội')).toBe('***, đường Láng, Phường Láng, Thành phố Hà Nội');
    expect(maskedAddress('Số nhà 5, Thôn Đông', 'Xã An Bình', 'Tỉnh Bắc Ninh')).toBe('***, Thôn Đông, Xã An Bình, Tỉnh Bắc Ninh');
  });

  it('hides the digits of a one-part street', () => {
    expect(maskedAddress('Số 12 đường Láng', 'Phường Láng', 'Thành phố Hà Nội')).toBe('Số ** đường Láng, Phường Láng, Thành phố Hà Nội');
    expect(maskedAddress('Thôn Đông', 'Xã An Bình', 'Tỉnh Bắc Ninh')).toBe('Thôn Đông, Xã An Bình, Tỉnh Bắc Ninh');
  });
});
