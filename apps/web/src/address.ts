import { foldVietnamese } from '@vssid/shared';

/**
 * The street address completed with its commune and province, unless it already names them
 * ("Số 12 Lê Lợi, Phường Ba Đình, Thành phố Hà Nội" stays as it is).
 */
export function completeAddress(address: string, communeName: string, provinceName: string): string {
  const parts = [address.trim()];
  for (const place of [communeName, provinceName]) {
    if (place && !foldVietnamese(parts.join(', ')).includes(foldVietnamese(place))) parts.push(place);
  }
  return parts.filter(Boolean).join(', ');
}
