// The demo page's own words, Japanese (default) and English. Card texts come from the server in the language
// the page asks for (Accept-Language on every call).
window.DemoI18n = (function () {
  const words = {
    ja: {
      title: 'STEMIRAC CDS デモ EHR',
      language: '言語',
      patients: '患者',
      patientView: 'カルテを開いたとき（patient-view）',
      order: 'STEMIRAC 投与オーダー（下書き）',
      dose: '投与量（×10⁸ 個）',
      rate: '投与速度（mL/分）',
      dilution: '希釈倍率',
      draftJson: '下書きオーダー（FHIR MedicationRequest）',
      orderSelect: '編集中（order-select）',
      orderSign: '署名時（order-sign）',
      outcomes: '治療成績',
      noPatients: '患者がいません。デモデータを読み込んでください: ',
      pickPatient: '患者を選んでください。',
      noCards: 'カードはありません。',
      loading: '確認中…',
      indicator_info: '情報',
      indicator_warning: '警告',
      indicator_critical: '重大',
      source: '出典',
      override: '却下する',
      overrideReason: '理由',
      overrideComment: 'コメント',
      overrideSend: '却下を送信',
      overrideNoReason: '（理由を選ばない）',
      overrideSent: '却下を送信しました',
      accepted: '提案を適用しました',
      acceptedDraft: '提案を適用し、下書きオーダーを変更しました',
      created: '作成しました',
      callFailed: '呼び出しに失敗しました',
      noOutcomes: '治療成績のデータがありません（$stemirac-outcomes が応答しません）。',
      outcomeChart: '改善した患者の割合（%、95% 信頼区間）',
      col_table: '表', col_baseline_ais: '開始時 AIS', col_measure: '指標', col_n: 'n', col_numerator: '改善',
      col_missing: '追跡なし', col_value: '値', col_ci_low: '95%CI 下限', col_ci_high: '95%CI 上限', col_sd: 'SD',
      measure_improved_1_grade: 'AIS 1 段階以上改善', measure_improved_2_grades: 'AIS 2 段階以上改善',
      measure_motor: '運動スコア', measure_light_touch: '触覚スコア', measure_pin_prick: '痛覚スコア',
      measure_isncsci_total: 'ISNCSCI 合計', measure_scim_total: 'SCIM 合計', baseline_all: '全体',
      smartLaunchFailed: 'アプリを起動できませんでした'
    },
    en: {
      title: 'STEMIRAC CDS demo EHR',
      language: 'Language',
      patients: 'Patients',
      patientView: 'Opening the chart (patient-view)',
      order: 'STEMIRAC order (draft)',
      dose: 'Dose (×10⁸ cells)',
      rate: 'Rate (mL/min)',
      dilution: 'Dilution factor',
      draftJson: 'Draft order (FHIR MedicationRequest)',
      orderSelect: 'While editing (order-select)',
      orderSign: 'On signing (order-sign)',
      outcomes: 'Outcomes',
      noPatients: 'No patients. Load the demo data: ',
      pickPatient: 'Pick a patient.',
      noCards: 'No cards.',
      loading: 'Checking…',
      indicator_info: 'Info',
      indicator_warning: 'Warning',
      indicator_critical: 'Critical',
      source: 'Source',
      override: 'Override',
      overrideReason: 'Reason',
      overrideComment: 'Comment',
      overrideSend: 'Send override',
      overrideNoReason: '(no reason chosen)',
      overrideSent: 'Override sent',
      accepted: 'Suggestion applied',
      acceptedDraft: 'Suggestion applied: the draft order changed',
      created: 'Created',
      callFailed: 'The call failed',
      noOutcomes: 'No outcome data ($stemirac-outcomes does not answer).',
      outcomeChart: 'Patients improved (%, 95% interval)',
      col_table: 'Table', col_baseline_ais: 'Baseline AIS', col_measure: 'Measure', col_n: 'n', col_numerator: 'Improved',
      col_missing: 'No follow-up', col_value: 'Value', col_ci_low: '95% CI low', col_ci_high: '95% CI high', col_sd: 'SD',
      measure_improved_1_grade: 'AIS improved ≥ 1 grade', measure_improved_2_grades: 'AIS improved ≥ 2 grades',
      measure_motor: 'Motor score', measure_light_touch: 'Light touch score', measure_pin_prick: 'Pin prick score',
      measure_isncsci_total: 'ISNCSCI total', measure_scim_total: 'SCIM total', baseline_all: 'All',
      smartLaunchFailed: 'The app could not be launched'
    }
  };
  let language = 'ja';
  return {
    languages: Object.keys(words),
    get language() { return language; },
    set language(value) { language = words[value] ? value : 'ja'; },
    t(key) { return words[language][key] ?? words.ja[key] ?? key; },
    apply(root) {
      document.documentElement.lang = language;
      root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = this.t(el.dataset.i18n); });
      document.title = this.t('title');
    }
  };
})();
