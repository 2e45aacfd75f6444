import { useCallback } from 'react';
import { defineMessages, useLang, useT } from '../../i18n/i18n';

/**
 * The catalogue's vocabulary in both languages (audiences, matter types, channels, material forms, themes), shared
 * by the home, search and guide pages. Text only: the home page's budget allows no schema code here.
 */
export const catalogueMessages = defineMessages(
  {
    citizen: '个人',
    enterprise: '法人',
    citizenLong: '个人办事',
    enterpriseLong: '法人办事',
    workingDays: '{n} 个工作日',
    workingDay: '{n} 个工作日',
    immediate: '即办件',
    promised: '承诺件',
    fullyOnline: '全程网办',
    commitment: '可告知承诺',
    bundle: '一件事',
    members: '{n} 个事项',
    onTheSpot: '当场办结',
    // Channels
    online: '网上办理',
    window: '窗口办理',
    mobile: '移动端办理',
    'self-service': '自助终端办理',
    post: '邮寄办理',
    // Material forms
    original: '原件',
    copy: '复印件',
    electronic: '电子材料',
    // Special procedures whose time is not counted
    hearing: '听证',
    inspection: '检验',
    testing: '检测',
    'expert-review': '专家评审',
    'public-notice': '公示',
    'on-site-verification': '现场核查',
  },
  {
    citizen: 'Individuals',
    enterprise: 'Businesses and organisations',
    citizenLong: 'Services for individuals',
    enterpriseLong: 'Services for businesses',
    workingDays: '{n} working days',
    workingDay: '{n} working day',
    immediate: 'Decided on the spot',
    promised: 'Decided within a promised time',
    fullyOnline: 'Fully online',
    commitment: 'Notification and commitment possible',
    bundle: 'One-thing bundle',
    members: '{n} services',
    onTheSpot: 'on the spot',
    online: 'Online',
    window: 'At a service window',
    mobile: 'On the mobile app',
    'self-service': 'At a self-service terminal',
    post: 'By post',
    original: 'Original',
    copy: 'Copy',
    electronic: 'Electronic',
    hearing: 'hearing',
    inspection: 'inspection',
    testing: 'testing',
    'expert-review': 'expert review',
    'public-notice': 'public notice',
    'on-site-verification': 'on-site verification',
  },
);

/** The matter types (事项类型) of the national standard, in English. */
const MATTER_TYPE_EN: Record<string, string> = {
  行政许可: 'Administrative licence',
  行政给付: 'Administrative payment',
  行政确认: 'Administrative confirmation',
  行政奖励: 'Administrative award',
  行政裁决: 'Administrative ruling',
  其他行政权力: 'Other administrative power',
  公共服务: 'Public service',
};

/** Themes are free text in the catalogue; the common ones have an English name, others show as written. */
const THEME_EN: Record<string, string> = {
  企业开办: 'Starting a business',
  餐饮: 'Food and catering',
  公共卫生: 'Public health',
  市容管理: 'City appearance',
  税务: 'Tax',
  社保: 'Social insurance',
  建设工程: 'Construction',
  不动产: 'Real estate',
  住房: 'Housing',
  户籍与居住: 'Residence and household registration',
  教育: 'Education',
  医疗: 'Health care',
  交通: 'Transport',
  婚育: 'Marriage and children',
  就业: 'Employment',
  养老: 'Pensions',
};

type CatalogueKey = keyof (typeof catalogueMessages)['zh'];

/** Labels for catalogue values in the reader's language. */
export function useCatalogueLabels() {
  const t = useT(catalogueMessages);
  const { lang } = useLang();
  const en = lang === 'en';
  return {
    t,
    audience: (a: string) => (a === 'citizen' || a === 'enterprise' ? t(a) : a),
    matterType: (type: string | undefined) => (type ? (en ? (MATTER_TYPE_EN[type] ?? type) : type) : ''),
    theme: (theme: string) => (en ? (THEME_EN[theme] ?? theme) : theme),
    /** Whether a theme's label is still the Chinese original (so it is marked lang="zh-CN" in an English page). */
    themeIsChinese: (theme: string) => !en || !THEME_EN[theme],
    channel: (c: string) => (c in catalogueMessages.zh ? t(c as CatalogueKey) : c),
    materialForm: (f: string) => (f === 'original' || f === 'copy' || f === 'electronic' ? t(f) : f),
    specialProcedure: (p: string) => (p in catalogueMessages.zh ? t(p as CatalogueKey) : p),
    days: (n: number) => t(n === 1 ? 'workingDay' : 'workingDays', { n }),
  };
}

/**
 * The language of the catalogue's own texts (names, conditions, materials), which are written in Chinese: marked so
 * that a screen reader reading the English page pronounces them as Chinese (WCAG 3.1.2).
 */
export function useContentLang(): string | undefined {
  const { lang } = useLang();
  return lang === 'en' ? 'zh-CN' : undefined;
}

/** A department's name in the reader's language from the departments list, else the name the API gave. */
export function useDepartmentName(departments: readonly { code: string; name: string; nameEn?: string }[] | undefined) {
  const { lang } = useLang();
  return useCallback(
    (code: string, fallback?: string): { text: string; zh: boolean } => {
      const found = departments?.find((d) => d.code === code);
      if (lang === 'en' && found?.nameEn) return { text: found.nameEn, zh: false };
      return { text: found?.name ?? fallback ?? code, zh: true };
    },
    [departments, lang],
  );
}
