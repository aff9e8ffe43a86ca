import type { Messages } from '../messages.js';

/** 속성 카탈로그: 연결마다 이 앱이 보낸 이름(설정 탭, 매핑 단계 표시). */
export const catalog: Messages['catalog'] = {
  tab: '보낸 이름',
  intro: '이 앱이 연결마다 보낸 프로필 속성 이름입니다. Target은 이름마다 따로 속성을 만들기 때문에 “Tier”와 “tier”는 서로 다른 속성이 됩니다. 같은 이름을 다시 쓰면 오디언스에서 데이터를 한곳에서 찾을 수 있습니다.',
  connection: '연결',
  loading: '보낸 이름을 읽는 중…',
  empty: '{{connection}}에 아직 보낸 이름이 없습니다. 한 행 이상 업데이트된 업로드가 끝나면 여기에 표시됩니다.',
  caption: '{{connection}}에 보낸 속성 이름',
  nameCol: '속성 이름',
  fromCol: '마지막으로 보낸 곳',
  firstCol: '처음 보낸 때',
  lastCol: '마지막으로 보낸 때',
  uploadsCol: '업로드 수',
  from: '{{file}} · “{{column}}” 열',
  fromFile: '{{file}}',
  count_one: '이름 {{count}}개',
  count_other: '이름 {{count}}개',
  problem: '보낸 이름을 읽지 못했습니다: {{message}}',
  mark: {
    checkedAgainst: '{{connection}}에 이미 보낸 이름과 비교합니다.',
    known: 'Target에 있음',
    knownHelp: '이 이름은 {{connection}}에 보낸 적이 있습니다(마지막: {{when}}, {{file}}). 값은 같은 속성에 들어갑니다.',
    new: '{{connection}}에 새 이름',
    newHelp: '아직 {{connection}}에 이 이름을 보낸 업로드가 없습니다. Target에 새 속성이 생깁니다.',
    near: 'Target에 있는 “{{of}}” 이름과 비슷함',
    nearHelp: {
      case: '“{{name}}” 이름과 “{{of}}” 이름은 대소문자만 다릅니다. Target은 둘을 다른 속성으로 보관하므로 “{{of}}”로 만든 오디언스에서는 이 값이 보이지 않습니다.',
      spacing: '“{{name}}” 이름과 “{{of}}” 이름은 공백, “_”, “-”만 다릅니다. Target은 둘을 다른 속성으로 보관하므로 “{{of}}”로 만든 오디언스에서는 이 값이 보이지 않습니다.',
      romanisation: '“{{name}}” 이름은 “{{of}}” 이름을 다르게 적은 것으로 보입니다. Target은 둘을 다른 속성으로 보관하므로 “{{of}}”로 만든 오디언스에서는 이 값이 보이지 않습니다.',
    },
    use: '“{{of}}” 사용',
    useLabel: '{{column}} 열을 Target에 이미 있는 이름 “{{of}}”로 보내기',
  },
};
