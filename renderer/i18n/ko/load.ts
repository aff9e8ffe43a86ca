import type { Messages } from '../messages.js';

/** Korean text, key for key with en/load.ts. */
export const loadMore: Messages['loadMore'] = {
  sample: '샘플 데이터로 해 보기',
  sampleHint: '몇 가지 흔한 문제가 들어 있는 작은 멤버십 목록을 불러옵니다. 로컬 샌드박스로 모든 단계를 해 볼 수 있습니다.',
  recent: '최근 파일',
  recentEmpty: '연 파일이 여기에 표시됩니다.',
  recentOpen: '{{name}} 다시 열기',
  recentMissing: '{{name}} (더 이상 없음)',
  overrides: '잘못 읽힌 것 같다면',
  overridesHint: '앱이 파일을 보고 추측한 값입니다. 하나를 바꾸면 파일을 다시 읽습니다.',
  detected: '자동 감지',
  chosen: '직접 선택',
  auto: '자동으로 감지',
  sheet: '시트',
  headerRowField: '머리글 행 번호',
  apply: '다시 읽기',
  next: '다음: 열 매핑',
  encodings: { 'utf-8': 'UTF-8 (유니코드)', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', cp949: '한국어 (CP949 / EUC-KR)', shift_jis: '일본어 (Shift_JIS)', 'windows-1252': '서유럽어 (Windows-1252)' },
};
