import type { Messages } from '../messages.js';

/** Korean text of the window around the steps, key for key with en/shell.ts. */
export const shell: Pick<Messages, 'app' | 'steps' | 'load' | 'delimiters' | 'grid'> = {
  app: {
    title: '프로필 로더',
    tagline: '스프레드시트 데이터를 Adobe Target 방문자 프로필에 넣습니다.',
    language: '언어',
    browserMode: '브라우저 모드',
    electronMode: '데스크톱 앱',
  },
  steps: {
    label: '단계',
    load: '불러오기',
    map: '매핑',
    review: '검토',
    upload: '업로드',
    results: '결과',
    current: '현재 단계',
    notYet: '이전 단계를 마치면 사용할 수 있습니다',
  },
  load: {
    heading: '스프레드시트 불러오기',
    dropHint: 'CSV, TSV 또는 Excel 파일을 이 창 아무 곳에나 끌어다 놓으세요',
    or: '또는',
    choose: '파일 선택…',
    chooseLabel: '불러올 스프레드시트 파일 선택',
    opening: '{{name}} 여는 중…',
    uploading: '{{name}} 보내는 중: {{percent}}%',
    counting: '행 세는 중: 지금까지 {{rows}}행',
    counted: '{{rows}}행',
    rowsLabel: '행 수',
    encoding: '문자 인코딩',
    delimiter: '열 구분자',
    headerRow: '머리글 행',
    format: '형식',
    preview: '{{name}} 미리 보기',
    dropNow: '파일을 놓으면 불러옵니다',
    another: '다른 파일 불러오기',
    failed: '이 파일을 열 수 없습니다: {{message}}',
  },
  delimiters: { ',': '쉼표', ';': '세미콜론', '\t': '탭', '|': '세로 막대' },
  grid: {
    rowNumber: '행',
    label: '{{name}}의 행',
    loading: '불러오는 중…',
  },
};
