// A small ICD-10 list with Vietnamese names (Bộ Y tế's ICD-10 translation) for synthetic medical visits.
import type { Sex } from './names.ts';
import { weightedSampler, type Random } from './util.ts';

export interface Diagnosis {
  code: string;
  name: string;
  weight: number;
  minAge?: number;
  maxAge?: number;
  sex?: Sex;
  /** Which kinds of visit it appears in. */
  types: ReadonlyArray<'outpatient' | 'inpatient' | 'emergency'>;
}

const O = ['outpatient'] as const;
const OI = ['outpatient', 'inpatient'] as const;
const I = ['inpatient'] as const;
const IE = ['inpatient', 'emergency'] as const;
const OE = ['outpatient', 'emergency'] as const;
const ALL = ['outpatient', 'inpatient', 'emergency'] as const;

export const DIAGNOSES: readonly Diagnosis[] = [
  { code: 'J06.9', name: 'Nhiễm trùng hô hấp trên cấp', weight: 20, types: O },
  { code: 'J02.9', name: 'Viêm họng cấp', weight: 8, types: O },
  { code: 'J20.9', name: 'Viêm phế quản cấp', weight: 6, types: OI },
  { code: 'J18.9', name: 'Viêm phổi', weight: 3, types: IE },
  { code: 'J45.9', name: 'Hen phế quản', weight: 2, types: ALL },
  { code: 'I10', name: 'Tăng huyết áp vô căn (nguyên phát)', weight: 14, minAge: 35, types: O },
  { code: 'E11', name: 'Bệnh đái tháo đường type 2', weight: 7, minAge: 35, types: OI },
  { code: 'E78.5', name: 'Tăng lipid máu', weight: 5, minAge: 30, types: O },
  { code: 'I25.1', name: 'Bệnh tim thiếu máu cục bộ mạn', weight: 2, minAge: 45, types: OI },
  { code: 'I63.9', name: 'Nhồi máu não', weight: 1, minAge: 45, types: IE },
  { code: 'K29.7', name: 'Viêm dạ dày', weight: 8, minAge: 10, types: O },
  { code: 'K21.9', name: 'Bệnh trào ngược dạ dày - thực quản', weight: 4, minAge: 15, types: O },
  { code: 'K35.8', name: 'Viêm ruột thừa cấp', weight: 1, minAge: 5, types: IE },
  { code: 'A09', name: 'Tiêu chảy và viêm dạ dày ruột do nhiễm trùng', weight: 6, types: ALL },
  { code: 'A91', name: 'Sốt xuất huyết Dengue', weight: 1.5, types: IE },
  { code: 'M54.5', name: 'Đau thắt lưng', weight: 7, minAge: 20, types: O },
  { code: 'M17.9', name: 'Thoái hóa khớp gối', weight: 4, minAge: 45, types: O },
  { code: 'M81.0', name: 'Loãng xương sau mãn kinh', weight: 2, minAge: 50, sex: 'female', types: O },
  { code: 'S52', name: 'Gãy xương cẳng tay', weight: 1, types: IE },
  { code: 'S82', name: 'Gãy xương cẳng chân, kể cả mắt cá', weight: 0.8, minAge: 10, types: IE },
  { code: 'S06.0', name: 'Chấn động não', weight: 0.8, types: ['emergency'] },
  { code: 'T14.0', name: 'Tổn thương nông ở vùng cơ thể không xác định', weight: 2, types: OE },
  { code: 'N39.0', name: 'Nhiễm khuẩn đường tiết niệu', weight: 4, types: O },
  { code: 'N40', name: 'Tăng sản tuyến tiền liệt', weight: 2, minAge: 50, sex: 'male', types: O },
  { code: 'H10.9', name: 'Viêm kết mạc', weight: 3, types: O },
  { code: 'H25.9', name: 'Đục thủy tinh thể người già', weight: 1.5, minAge: 55, types: OI },
  { code: 'H66.9', name: 'Viêm tai giữa', weight: 3, maxAge: 15, types: O },
  { code: 'L20.9', name: 'Viêm da cơ địa', weight: 3, types: O },
  { code: 'K02.9', name: 'Sâu răng', weight: 4, minAge: 3, types: O },
  { code: 'F41.9', name: 'Rối loạn lo âu', weight: 1, minAge: 15, types: O },
  { code: 'B01.9', name: 'Thủy đậu', weight: 1, maxAge: 15, types: O },
  { code: 'B08.4', name: 'Bệnh tay chân miệng', weight: 1.5, maxAge: 6, types: OI },
  { code: 'R50.9', name: 'Sốt không rõ nguyên nhân', weight: 4, maxAge: 15, types: OE },
  { code: 'Z34', name: 'Khám thai thường quy', weight: 3, minAge: 18, maxAge: 42, sex: 'female', types: O },
  { code: 'C34.9', name: 'U ác của phế quản hoặc phổi', weight: 0.3, minAge: 45, types: I },
  { code: 'N18.9', name: 'Bệnh thận mạn', weight: 0.6, minAge: 40, types: OI },
];

/** The diagnosis recorded for a normal delivery (maternity stays). */
export const DELIVERY: Diagnosis = { code: 'O80', name: 'Đẻ thường', weight: 0, sex: 'female', types: I };

export type VisitType = 'outpatient' | 'inpatient' | 'emergency';

/** Weighted diagnosis samplers by visit type, age band (0–5, 6–17, 18–44, 45–64, 65+) and sex, built once. */
export function diagnosisSamplers(): (type: VisitType, age: number, sex: Sex) => (random: Random) => Diagnosis {
  const types: readonly VisitType[] = ['outpatient', 'inpatient', 'emergency'];
  const bandAges = [2, 10, 30, 55, 75];
  const sexes: readonly Sex[] = ['male', 'female'];
  const samplers: Array<(random: Random) => Diagnosis> = [];
  for (const type of types) {
    for (const age of bandAges) {
      for (const sex of sexes) {
        samplers.push(
          weightedSampler(
            DIAGNOSES.filter(
              (d) => d.types.includes(type) && (d.minAge ?? 0) <= age && (d.maxAge ?? 200) >= age && (!d.sex || d.sex === sex),
            ),
            (d) => d.weight,
          ),
        );
      }
    }
  }
  const fallback = weightedSampler(DIAGNOSES, (d) => d.weight);
  return (type, age, sex) => {
    const band = age < 6 ? 0 : age < 18 ? 1 : age < 45 ? 2 : age < 65 ? 3 : 4;
    const typeIndex = type === 'outpatient' ? 0 : type === 'inpatient' ? 1 : 2;
    return samplers[typeIndex * 10 + band * 2 + (sex === 'male' ? 0 : 1)] ?? fallback;
  };
}
