import type { IncidentSource, IncidentType, UnitKind } from './model.ts';

/**
 * Demo data. Every place is a real ward (post-1/7/2025 code, CV 1027/CTK-CSCL) at its representative
 * point as published by sapnhap.bando.com.vn — copied from ../shared/data/hanoi_units_2025.csv (columns
 * code, name, lat, lon; see ../shared/data/SOURCES.md). Units are placed AT those points; they are not the
 * addresses of real fire stations or police posts, and their names say so. Everything is marked is_demo
 * and shown with the label "DỮ LIỆU DEMO". No street address, person or phone number is invented.
 */
export interface DemoWard {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

export const DEMO_WARDS: DemoWard[] = [
  { code: '00070', name: 'Phường Hoàn Kiếm', lat: 21.032, lon: 105.85 },
  { code: '00082', name: 'Phường Cửa Nam', lat: 21.0226, lon: 105.851 },
  { code: '00004', name: 'Phường Ba Đình', lat: 21.0386, lon: 105.838 },
  { code: '00008', name: 'Phường Ngọc Hà', lat: 21.0381, lon: 105.816 },
  { code: '00256', name: 'Phường Hai Bà Trưng', lat: 21.0136, lon: 105.852 },
  { code: '00235', name: 'Phường Đống Đa', lat: 21.0119, lon: 105.822 },
  { code: '00166', name: 'Phường Cầu Giấy', lat: 21.0309, lon: 105.788 },
  { code: '00103', name: 'Phường Tây Hồ', lat: 21.058, lon: 105.82 },
  { code: '00145', name: 'Phường Long Biên', lat: 21.0197, lon: 105.896 },
  { code: '00331', name: 'Phường Hoàng Mai', lat: 20.9746, lon: 105.862 },
  { code: '00367', name: 'Phường Thanh Xuân', lat: 20.9995, lon: 105.805 },
  { code: '09556', name: 'Phường Hà Đông', lat: 20.9734, lon: 105.778 },
  { code: '00592', name: 'Phường Từ Liêm', lat: 21.0204, lon: 105.771 },
  { code: '00454', name: 'Xã Đông Anh', lat: 21.1101, lon: 105.872 },
  { code: '00565', name: 'Xã Gia Lâm', lat: 21.002, lon: 105.949 },
  { code: '09574', name: 'Phường Sơn Tây', lat: 21.1441, lon: 105.49 },
];

export interface DemoUnitSpec {
  callSign: string;
  name: string;
  kind: UnitKind;
  agency: string;
  /** null for city-level units. */
  wardCode: string | null;
  base: DemoWard;
}

const FIRE_AGENCY = 'Phòng Cảnh sát PCCC và CNCH – Công an TP Hà Nội (DỮ LIỆU DEMO)';
const MEDICAL_AGENCY = 'Phối hợp cấp cứu 115 (DỮ LIỆU DEMO)';
const wardAgency = (w: DemoWard) => `Công an ${w.name.replace(/^Phường /, 'phường ').replace(/^Xã /, 'xã ')} (DỮ LIỆU DEMO)`;
const short = (w: DemoWard) => w.name.replace(/^(Phường|Xã) /, '');

/** Fire & rescue teams at seven spread-out wards, one patrol per demo ward, two medical liaison cars. */
export function demoUnitSpecs(wards: DemoWard[] = DEMO_WARDS): DemoUnitSpec[] {
  const fireAt = ['00070', '00235', '00166', '00145', '09556', '00454', '09574'];
  const byCode = new Map(wards.map((w) => [w.code, w]));
  const fire = fireAt
    .map((c) => byCode.get(c))
    .filter((w): w is DemoWard => Boolean(w))
    .map((w, i) => ({ callSign: `DEMO-CC${String(i + 1).padStart(2, '0')}`, name: `Tổ CC&CNCH demo khu vực ${short(w)}`, kind: 'fire_rescue' as const, agency: FIRE_AGENCY, wardCode: null, base: w }));
  const patrols = wards.map((w, i) => ({ callSign: `DEMO-TT${String(i + 1).padStart(2, '0')}`, name: `Tổ tuần tra demo ${w.name}`, kind: 'police_patrol' as const, agency: wardAgency(w), wardCode: w.code, base: w }));
  const medAt = ['00082', '00367'].map((c) => byCode.get(c)).filter((w): w is DemoWard => Boolean(w));
  const medical = medAt.map((w, i) => ({ callSign: `DEMO-YT${String(i + 1).padStart(2, '0')}`, name: `Xe liên lạc y tế demo khu vực ${short(w)}`, kind: 'medical_liaison' as const, agency: MEDICAL_AGENCY, wardCode: null, base: w }));
  return [...fire, ...patrols, ...medical];
}

export interface DemoScenario {
  type: IncidentType;
  source: IncidentSource;
  priority: number;
  description: string;
}

/** The scripted stream cycles through these. Descriptions are generic situations, not real events. */
export const DEMO_SCENARIOS: DemoScenario[] = [
  { type: 'fire', source: 'alarm', priority: 1, description: 'Tín hiệu báo cháy tự động (đầu báo khói) từ trung tâm báo cháy của một tòa nhà.' },
  { type: 'fire', source: 'call', priority: 1, description: 'Người dân gọi báo thấy khói và lửa bốc ra từ tầng trên một nhà ống.' },
  { type: 'traffic_accident', source: 'call', priority: 2, description: 'Va chạm giữa xe máy và ô tô, một người bị thương nhẹ, giao thông ùn ứ.' },
  { type: 'crime', source: 'chat', priority: 2, description: 'Người dân nhắn tin báo vừa bị giật túi xách, đối tượng đi xe máy.' },
  { type: 'public_order', source: 'ward_report', priority: 3, description: 'Nhóm thanh niên tụ tập gây ồn ào, mất trật tự khu dân cư lúc đêm.' },
  { type: 'rescue', source: 'call', priority: 1, description: 'Người bị mắc kẹt trong thang máy do mất điện.' },
  { type: 'medical', source: 'chat', priority: 2, description: 'Người cao tuổi bị ngã, khó thở, gia đình cần hỗ trợ cấp cứu.' },
  { type: 'other', source: 'call', priority: 4, description: 'Cây xanh gãy đổ chắn một phần lòng đường sau mưa lớn.' },
];
