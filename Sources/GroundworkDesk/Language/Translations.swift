/// The languages people read Groundwork's outputs in: `--lang en|zh`.
///
/// The CSV files and their headers are the contract of MODEL.md section 8 and stay as it says
/// in every language; a language changes only what is made for people to read (the workbook's
/// sheet names, headers, item and level names and chart titles).
public enum Language: String, Sendable, CaseIterable {
    case en, zh
}

/// Every translation Groundwork makes, in one table, so that the workbook and the HTML report
/// say the same thing in the same words.
///
/// A term is a name MODEL.md gives (a table's file stem, a column, an item, a paying level, a
/// measure) or a phrase of a chart. English is the contract's own name unless the table says
/// otherwise, so an English workbook reads like the CSV files. A term the table does not know
/// (a sweep's parameter column, a name a later version adds) reads as its key in every language.
public enum Translations {
    /// What a term names: the same key can be a column and a paying level (`county`: 县区 as a
    /// column, 县级 as the level that pays).
    public enum Kind: Sendable, Hashable {
        /// A table: its file name without `.csv`, the name of its sheet.
        case table
        /// A column header.
        case column
        /// A line item (and `total`, `cumulative` in the `item` column of `comparison.csv`).
        case item
        /// A level of government in a `payer` column.
        case level
        /// A row of `summary_quantiles.csv` or `headline_comparison.csv` (`measure`); a measure
        /// the table lacks reads as the column of that name.
        case measure
        /// A phrase of the workbook's charts and extra columns, or of the HTML report (whose
        /// phrases are keyed by their English text).
        case phrase
    }

    /// `term` of `kind` in `language`.
    public static func text(_ term: String, _ kind: Kind, in language: Language) -> String {
        if let entry = entries[Key(kind: kind, term: term)] { return entry.text(in: language) }
        if kind == .measure, let entry = entries[Key(kind: .column, term: term)] {
            return entry.text(in: language)
        }
        return term
    }

    /// Whether the table translates `term` (tests check that every name of MODEL.md has an entry).
    public static func knows(_ term: String, _ kind: Kind) -> Bool {
        entries[Key(kind: kind, term: term)] != nil
    }

    private struct Key: Hashable {
        var kind: Kind
        var term: String
    }

    private struct Entry {
        var english: String
        var chinese: String

        func text(in language: Language) -> String {
            switch language {
            case .en: english
            case .zh: chinese
            }
        }
    }

    /// (kind, term, English when it is not the term, Chinese).
    private static let rows: [(Kind, String, String?, String)] = [
        // Tables (sheet names, at most 31 characters).
        (.table, "headline", nil, "概要"),
        (.table, "summary", nil, "年度汇总"),
        (.table, "funding", nil, "分级负担"),
        (.table, "forecast", nil, "预测明细"),
        (.table, "rollout", nil, "建设进度"),
        (.table, "pay", nil, "干部报酬"),
        (.table, "counties", nil, "县区"),
        (.table, "prices", nil, "不变价与现值"),
        (.table, "variance", nil, "执行偏差"),
        (.table, "outturn", nil, "执行情况"),
        (.table, "forecast_quantiles", nil, "预测分位数"),
        (.table, "summary_quantiles", nil, "汇总分位数"),
        (.table, "envelope_risk", nil, "额度风险"),
        (.table, "envelope_risk_by_year", nil, "逐年额度风险"),
        (.table, "sensitivity", nil, "敏感性"),
        (.table, "comparison", nil, "方案比较"),
        (.table, "headline_comparison", nil, "概要比较"),
        (.table, "sweep", nil, "参数扫描"),
        (.table, "solve", nil, "参数求解"),
        (.table, "charts", nil, "图表"),
        // Columns of MODEL.md section 8 and of the report's tables.
        (.column, "scenario", nil, "方案"),
        (.column, "county", nil, "县区"),
        (.column, "year", nil, "年度"),
        (.column, "item", nil, "项目"),
        (.column, "payer", nil, "支付层级"),
        (.column, "amount", nil, "金额"),
        (.column, "venue_construction", nil, "村级服务场所建设"),
        (.column, "venue_upkeep", nil, "场所运行维护"),
        (.column, "operating_funds", nil, "运转经费"),
        (.column, "cadre_pay_basic", nil, "基本工作报酬"),
        (.column, "cadre_pay_performance", nil, "绩效奖励"),
        (.column, "pension_topup", nil, "养老保险补贴"),
        (.column, "total", nil, "合计"),
        (.column, "cumulative", nil, "累计"),
        (.column, "envelope_cumulative", nil, "额度累计"),
        (.column, "envelope_remaining", nil, "额度余额"),
        (.column, "venues_completed", nil, "当年建成场所"),
        (.column, "venues_remaining", nil, "尚待建设场所"),
        (.column, "rural_income", nil, "农村居民人均可支配收入"),
        (.column, "secretary_monthly", nil, "书记月报酬"),
        (.column, "director_monthly", nil, "主任月报酬"),
        (.column, "other_monthly", nil, "其他干部月报酬"),
        (.column, "start", nil, "起始年度"),
        (.column, "end", nil, "终止年度"),
        (.column, "venues_needed", nil, "需建场所"),
        (.column, "venues_built", nil, "期内建成场所"),
        (.column, "venues_deferred", nil, "推迟建设场所"),
        (.column, "construction_after_horizon", nil, "期后应付建设款"),
        (.column, "envelope_amount", nil, "额度"),
        (.column, "envelope_used", nil, "额度已用"),
        (.column, "breach_year", nil, "突破年度"),
        (.column, "villages", nil, "行政村数"),
        (.column, "population", nil, "人口"),
        (.column, "deflator", nil, "价格指数"),
        (.column, "discount_factor", nil, "贴现系数"),
        (.column, "total_real", nil, "合计（不变价）"),
        (.column, "total_pv", nil, "合计（现值）"),
        (.column, "cumulative_real", nil, "累计（不变价）"),
        (.column, "cumulative_pv", nil, "累计（现值）"),
        (.column, "planned", nil, "计划"),
        (.column, "actual", nil, "实际"),
        (.column, "variance", nil, "偏差"),
        (.column, "variance_pct", nil, "偏差率（%）"),
        (.column, "aggregate_outturn", nil, "总体执行率（%）"),
        (.column, "composition_variance", nil, "结构偏差（%）"),
        (.column, "mean", nil, "均值"),
        (.column, "p05", nil, "第5百分位"),
        (.column, "p50", nil, "中位数"),
        (.column, "p95", nil, "第95百分位"),
        (.column, "measure", nil, "指标"),
        (.column, "draws", nil, "抽样次数"),
        (.column, "breach_probability", nil, "突破概率"),
        (.column, "breach_year_p50", nil, "突破年度中位数"),
        (.column, "parameter", nil, "参数"),
        (.column, "low_value", nil, "低值"),
        (.column, "high_value", nil, "高值"),
        (.column, "total_low", nil, "合计（低值）"),
        (.column, "total_high", nil, "合计（高值）"),
        (.column, "envelope_used_low", nil, "额度已用（低值）"),
        (.column, "envelope_used_high", nil, "额度已用（高值）"),
        (.column, "base", nil, "基准方案"),
        (.column, "value", nil, "比较方案"),
        (.column, "delta", nil, "差额"),
        (.column, "delta_pct", nil, "差额率（%）"),
        (.column, "target", nil, "目标"),
        (.column, "next_value", nil, "下一取值"),
        (.column, "next_total", nil, "下一取值合计"),
        (.column, "next_envelope_used", nil, "下一取值额度已用"),
        (.column, "next_envelope_remaining", nil, "下一取值额度余额"),
        (.column, "next_breach_year", nil, "下一取值突破年度"),
        (.column, "total_common_years", nil, "共同年度合计"),
        // Line items (MODEL.md section 4), and the two sums of `comparison.csv`'s item column.
        (.item, "venue_construction", nil, "村级服务场所建设"),
        (.item, "venue_upkeep", nil, "场所运行维护"),
        (.item, "operating_funds", nil, "运转经费"),
        (.item, "cadre_pay_basic", nil, "基本工作报酬"),
        (.item, "cadre_pay_performance", nil, "绩效奖励"),
        (.item, "pension_topup", nil, "养老保险补贴"),
        (.item, "total", nil, "合计"),
        (.item, "cumulative", nil, "累计"),
        // Levels of government, top to bottom.
        (.level, "central", nil, "中央"),
        (.level, "province", nil, "省级"),
        (.level, "city", nil, "市级"),
        (.level, "county", nil, "县级"),
        // The workbook's own phrases.
        (.phrase, "total_wan", "total (万元)", "合计（万元）"),
        (.phrase, "chart_outlay_by_item", "Yearly outlay by item", "年度支出（分项目）"),
        (.phrase, "chart_envelope", "Cumulative outlay against the envelope", "累计支出与预算额度"),
        (.phrase, "chart_cumulative", "Cumulative outlay (no envelope set)", "累计支出（未设额度）"),
        (.phrase, "chart_by_level", "Outlay by paying level", "分级财政支出"),
        (.phrase, "chart_data", "chart data", "图表数据"),
        (.phrase, "counted", "counted by the envelope", "计入额度的累计支出"),
        (.phrase, "envelope_amount", "envelope amount", "预算额度"),
        (.phrase, "yuan", "yuan", "元"),
        // The HTML report's titles, headers and labels: the term is the English text; `{}`
        // stands for a number or a name (`ReportPage.Builder.t`).
        (.phrase, "Groundwork report", nil, "Groundwork 测算报告"),
        (.phrase, "Total outlay", nil, "支出合计"),
        (.phrase, "Venues", nil, "村级服务场所"),
        (.phrase, "Construction due after {}", nil, "{}年后应付建设款"),
        (.phrase, "Envelope", nil, "预算额度"),
        (.phrase, "Envelope used", nil, "额度已用"),
        (.phrase, "Envelope remaining", nil, "额度余额"),
        (.phrase, "Breach year", nil, "突破年度"),
        (.phrase, "none", nil, "无"),
        (.phrase, "none set", nil, "未设定"),
        (.phrase, "Yearly outlay by item", nil, "年度支出（分项目）"),
        (.phrase, "year", nil, "年度"),
        (.phrase, "outlay per year ({})", nil, "年度支出（{}）"),
        (.phrase, "Cumulative outlay against the envelope", nil, "累计支出与预算额度"),
        (.phrase, "year (the envelope's window)", nil, "年度（额度期间）"),
        (.phrase, "cumulative outlay counted ({})", nil, "计入额度的累计支出（{}）"),
        (.phrase, "within the envelope", nil, "额度以内"),
        (.phrase, "beyond the envelope", nil, "超出额度"),
        (.phrase, "envelope amount ({})", nil, "预算额度（{}）"),
        (.phrase, "breach {}", nil, "{}年突破"),
        (.phrase, "breach year", nil, "突破年度"),
        (.phrase, "Cumulative outlay (no envelope set)", nil, "累计支出（未设额度）"),
        (.phrase, "cumulative outlay ({})", nil, "累计支出（{}）"),
        (.phrase, "cumulative outlay, all items", nil, "累计支出（全部项目）"),
        (.phrase, "closed years (actuals)", nil, "已决算年度（实际数）"),
        (.phrase, "deferred", nil, "推迟建设"),
        (.phrase, "Venues completed per year, by county", nil, "各县区年度建成场所"),
        (.phrase, "venues completed", nil, "建成场所"),
        (.phrase, "Monthly pay per role against rural income", nil, "各岗位月报酬与农村居民收入"),
        (.phrase, "{} per month", nil, "{}/月"),
        (.phrase, "secretary pay", nil, "书记报酬"),
        (.phrase, "director pay", nil, "主任报酬"),
        (.phrase, "other cadre pay", nil, "其他干部报酬"),
        (.phrase, "rural income ÷ 12", nil, "农村居民人均可支配收入 ÷ 12"),
        (.phrase, "rebase", nil, "调标"),
        (.phrase, "pay rebased", nil, "报酬调标"),
        (.phrase, "Outlay per county", nil, "各县区支出"),
        (.phrase, "horizon total ({})", nil, "期内合计（{}）"),
        (.phrase, "horizon total, all items", nil, "期内合计（全部项目）"),
        (.phrase, "Outlay per resident, by county", nil, "各县区人均支出"),
        (.phrase, "yuan per resident over {}", nil, "人均支出（元，{}）"),
        (.phrase, "horizon total ÷ population", nil, "期内合计 ÷ 人口"),
        (.phrase, "all counties", nil, "全部县区"),
        (.phrase, "county", nil, "县区"),
        (.phrase, "villages", nil, "行政村数"),
        (.phrase, "venues needed", nil, "需建场所"),
        (.phrase, "population", nil, "人口"),
        (.phrase, "total ({})", nil, "合计（{}）"),
        (.phrase, "yuan per resident", nil, "人均（元）"),
        (.phrase, "yuan per resident a year", nil, "年人均（元）"),
        (.phrase, "Who pays", nil, "分级负担"),
        (.phrase, "Yearly outlay by paying level", nil, "分级财政年度支出"),
        (.phrase, "Cumulative outlay by paying level", nil, "分级财政累计支出"),
        (.phrase, "paid by the county ({})", nil, "县级负担（{}）"),
        (.phrase, "share it pays", nil, "县级负担比例"),
        (.phrase, "Uncertainty", nil, "不确定性分析"),
        (.phrase, "Total outlay per year: Monte Carlo fan", nil, "年度支出：蒙特卡洛扇形图"),
        (.phrase, "p05–p95 of the draws", nil, "抽样第5至第95百分位"),
        (.phrase, "median (p50)", nil, "中位数（p50）"),
        (.phrase, "as written (deterministic)", nil, "按设定值（确定性测算）"),
        (.phrase, "Probability that the envelope is breached, by year", nil, "逐年突破额度的概率"),
        (.phrase, "probability of a breach by then (%)", nil, "截至当年突破的概率（%）"),
        (.phrase, "share of draws breached by the year", nil, "截至当年突破的抽样比例"),
        (.phrase, "{}: each uncertain parameter at its p05 and p95", nil, "{}：各不确定参数取第5与第95百分位"),
        (.phrase, "What drives the horizon total", nil, "影响期内合计的因素"),
        (.phrase, "What drives the envelope use", nil, "影响额度使用的因素"),
        (.phrase, "envelope used ({})", nil, "额度已用（{}）"),
        (.phrase, "parameter at p05", nil, "参数取第5百分位"),
        (.phrase, "parameter at p95", nil, "参数取第95百分位"),
        (.phrase, "as written ({})", nil, "按设定值（{}）"),
        (.phrase, "Constant prices and present value", nil, "不变价与现值"),
        (.phrase, "Yearly total: nominal, real and present value", nil, "年度合计：名义值、不变价与现值"),
        (.phrase, "nominal (total)", nil, "名义值（合计）"),
        (.phrase, "Outturn of the closed years", nil, "已决算年度执行情况"),
        (.phrase, "Planned and actual outlay by item", nil, "分项目计划与实际支出"),
        (.phrase, "line item (the closed year {})", nil, "项目（已决算年度 {}）"),
        (.phrase, "outlay ({})", nil, "支出（{}）"),
        (.phrase, "planned", nil, "计划"),
        (.phrase, "actual", nil, "实际"),
        (.phrase, "closed year", nil, "已决算年度"),
        (.phrase, "planned (yuan)", nil, "计划（元）"),
        (.phrase, "actual (yuan)", nil, "实际（元）"),
        (.phrase, "aggregate outturn (PI-1)", nil, "总体执行率（PI-1）"),
        (.phrase, "PI-1 band", nil, "PI-1 等级"),
        (.phrase, "composition variance (PI-2)", nil, "结构偏差（PI-2）"),
        (.phrase, "PI-2 band", nil, "PI-2 等级"),
        (.phrase, "The {} largest variances (county, year, item)", nil, "偏差最大的 {} 项（县区、年度、项目）"),
        (.phrase, "actual − planned ({})", nil, "实际 − 计划（{}）"),
        (.phrase, "variance: actual − planned", nil, "偏差：实际 − 计划"),
        (.phrase, "rank", nil, "序号"),
        (.phrase, "item", nil, "项目"),
        (.phrase, "variance (yuan)", nil, "偏差（元）"),
        (.phrase, "Combinations", nil, "参数组合"),
        (.phrase, "Horizon total", nil, "期内合计"),
        (.phrase, "Breach year of the envelope", nil, "预算额度突破年度"),
        (.phrase, "Envelope remaining at the window's end ({})", nil, "额度期末余额（{}）"),
        (.phrase, "Horizon total ({})", nil, "期内合计（{}）"),
        (.phrase, "breached in {}", nil, "{}年突破"),
        (.phrase, "kept (no breach)", nil, "未突破"),
        (.phrase, "Envelope used over the grid", nil, "各取值的额度已用"),
        (.phrase, "Horizon total over the grid", nil, "各取值的期内合计"),
        (.phrase, "envelope used", nil, "额度已用"),
        (.phrase, "horizon total", nil, "期内合计"),
        (.phrase, "where the breach year changes", nil, "突破年度变化处"),
        (.phrase, "Target", nil, "目标"),
        (.phrase, "Answer", nil, "解"),
        (.phrase, "Next value", nil, "下一取值"),
        (.phrase, "within the target", nil, "目标以内"),
        (.phrase, "beyond the target", nil, "超出目标"),
        (.phrase, "answer {}", nil, "解 {}"),
        (.phrase, "the answer", nil, "解"),
        (.phrase, "total", nil, "合计"),
        (.phrase, "lowest {}", nil, "最低 {}"),
        (.phrase, "highest {}", nil, "最高 {}"),
        (.phrase, "The answer against the envelope", nil, "解与预算额度"),
        (.phrase, "The answer against the target", nil, "解与目标"),
    ]

    private static let entries: [Key: Entry] = {
        var entries: [Key: Entry] = [:]
        for (kind, term, english, chinese) in rows {
            let key = Key(kind: kind, term: term)
            precondition(entries[key] == nil, "\(term) is translated twice")
            entries[key] = Entry(english: english ?? term, chinese: chinese)
        }
        return entries
    }()
}
