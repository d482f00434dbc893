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

    /// `template`, a sentence or clause of the HTML report, in `language`, each named slot
    /// (`{year}`, `{amount}`) filled with its value in `values`.
    ///
    /// The template is the English text with its slots, the term of a `.phrase` row; the
    /// Chinese row has the same slots, in the order Chinese wants them. A template the table
    /// lacks reads as itself. Values are inserted as they are (numbers keep their formatting)
    /// and are not searched for slots. A slot with no value stays as written (`{name}`).
    public static func sentence(_ template: String, _ values: [String: String], in language: Language)
        -> String
    {
        fill(text(template, .phrase, in: language), values)
    }

    /// `text` with each slot `{name}` replaced by `values[name]`, in one pass.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 32)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = values[String(rest[rest.index(after: open)..<close])]
            else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// The named slots of `template` (`{year}` gives `year`), in order, each as often as it
    /// occurs; `{}` (a positional slot of `ReportPage.Builder.t`) is the empty name.
    static func slots(_ template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Every phrase of the table: its key, English and Chinese (tests check that both
    /// languages have the same slots).
    static var phrases: [(term: String, english: String, chinese: String)] {
        rows.filter { $0.0 == .phrase }.map { ($0.1, $0.2 ?? $0.1, $0.3) }
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
    static let rows: [(Kind, String, String?, String)] = [
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
        // The HTML report's captions, notes and values: sentences with named slots, filled by
        // `Translations.sentence` (`ReportPage.Builder.t(_:_:)`); the term is the English text.
        // A term that begins with a space continues an English sentence; its Chinese does not.
        (.phrase, ", ", nil, "、"),
        (.phrase, "; ", nil, "；"),
        (.phrase, ".", nil, "。"),
        (.phrase, "{exact} yuan", nil, "{exact} 元"),
        (.phrase, "{amount} {unit} ({exact} yuan)", nil, "{amount} {unit}（{exact} 元）"),
        (.phrase, "{title}: {names}", nil, "{title}：{names}"),
        (.phrase, "{title}, {years}", nil, "{title}（{years}）"),
        (.phrase, "{county}, {year}, {item} ({percent})", nil, "{county}，{year} 年，{item}（{percent}）"),
        (
            .phrase,
            "Every figure comes from the run's CSV files; the numbers behind each chart are in the "
                + "<code>report_*.csv</code> files beside this page.", nil,
            "所有数字均取自本次测算输出的 CSV 文件；各图的数据见本页旁的 <code>report_*.csv</code> 文件。"
        ),
        (.phrase, "Scenarios: ", nil, "方案："),
        (.phrase, "{built} of {needed} built, none deferred", nil, "已建成 {built} 个（共需 {needed} 个），无推迟建设"),
        (
            .phrase, "{built} of {needed} built, {deferred} deferred beyond {end}", nil,
            "已建成 {built} 个（共需 {needed} 个），{deferred} 个推迟至 {end} 年以后"
        ),
        (.phrase, "All six items, stacked, per year. Horizon total {total}.", nil, "六个项目逐年堆叠。期内合计 {total}。"),
        (
            .phrase,
            "All six items, stacked, per year. Horizon total {total}; the largest year is {year} with {amount}.",
            nil, "六个项目逐年堆叠。期内合计 {total}；支出最多的年度为 {year} 年，{amount}。"
        ),
        (
            .phrase,
            "Outlay of the envelope's items and payer, cumulated over its window, against the amount of {amount}. "
                + "It is breached in {year}; by the window's end {used} is used, {beyond} beyond the amount.",
            nil,
            "预算额度所含项目中由其支付层级负担的支出，在额度期间内逐年累计，与额度 {amount}对照。"
                + "额度于 {year} 年突破；至窗口期末累计支出 {used}，超出额度 {beyond}。"
        ),
        (
            .phrase,
            "Outlay of the envelope's items and payer, cumulated over its window, against the amount of {amount}. "
                + "It holds: {remaining} remains at the window's end.", nil,
            "预算额度所含项目中由其支付层级负担的支出，在额度期间内逐年累计，与额度 {amount}对照。"
                + "额度未突破：窗口期末剩余 {remaining}。"
        ),
        (
            .phrase, "The scenario sets no envelope; the line is the cumulative outlay of all items.", nil,
            "本方案未设预算额度；折线为全部项目的累计支出。"
        ),
        (
            .phrase,
            " {year} is closed (shaded): their outlay is the actual spending (outturn.csv), later years the plan.",
            nil, "{year} 年已决算（阴影部分）：其支出为实际支出数（outturn.csv），以后年度为计划数。"
        ),
        (
            .phrase,
            " {first}–{last} are closed (shaded): their outlay is the actual spending (outturn.csv), later years "
                + "the plan.", nil,
            "{first}–{last} 年已决算（阴影部分）：其支出为实际支出数（outturn.csv），以后年度为计划数。"
        ),
        (
            .phrase,
            "{built} of {needed} venues are built by {end}; {deferred} are deferred beyond the horizon (the last "
                + "bar): {counties}.", nil,
            "至 {end} 年建成场所 {built} 个（共需 {needed} 个）；{deferred} 个推迟至测算期以后（最后一根柱）：{counties}。"
        ),
        (
            .phrase,
            "All {needed} venues needed are built by {year}; none is deferred. Later years build none and are not "
                + "shown.", nil,
            "所需 {needed} 个场所至 {year} 年全部建成，无推迟建设。此后年度不再建设，图中不列示。"
        ),
        (.phrase, "other counties ({count})", nil, "其他县区（{count} 个）"),
        (
            .phrase,
            "Monthly pay of each role (pay.csv) and the rural income of the year divided by 12 (the income a "
                + "rebase is based on, a year later).", nil,
            "各岗位月报酬（pay.csv）与当年农村居民人均可支配收入除以 12（次年调标所依据的收入）。"
        ),
        (.phrase, " The secretary starts at {pay} yuan a month in {year}", nil, "书记 {year} 年月报酬 {pay} 元"),
        (.phrase, " and earns {pay} in {year}", nil, "，{year} 年为 {pay} 元"),
        (.phrase, "; no rebase changes pay.", nil, "；报酬未经调标变动。"),
        (.phrase, "; rebases in {years}.", nil, "；{years} 年调标。"),
        (
            .phrase, "The sum of forecast.csv over the horizon and the six items, per county.", nil,
            "各县区测算期内六个项目支出之和（forecast.csv）。"
        ),
        (
            .phrase,
            "Per resident: the county's horizon total divided by the population of counties.csv (from the "
                + "portfolio).", nil,
            "人均：各县区期内合计除以 counties.csv 中的人口（取自测算对象清单）。"
        ),
        (
            .phrase, "counties.csv is missing (a run of an earlier version): no villages or population.", nil,
            "缺少 counties.csv（早期版本的测算输出）：无行政村数与人口。"
        ),
        (.phrase, "the {level} pays {amount}", nil, "{level}负担 {amount}"),
        (.phrase, "the {level} pays {amount}, {share} of the total", nil, "{level}负担 {amount}，占合计的 {share}"),
        (
            .phrase,
            "All six items per year, stacked by the level of government that pays them (funding.csv; MODEL.md "
                + "section 4). Over {start}–{end} {shares}.", nil,
            "六个项目逐年按负担支出的政府层级堆叠（funding.csv；MODEL.md 第 4 节）。{start}–{end} 年，{shares}。"
        ),
        (
            .phrase, "Each level's outlay summed from {start} (funding.csv's cumulative): by {end} {shares}.",
            nil,
            "各层级自 {start} 年起的累计支出（funding.csv 的累计数）：至 {end} 年，{shares}。"
        ),
        (
            .phrase,
            "What each county pays itself: the county level's part (payer county in forecast.csv) of the county's "
                + "outlay over {start}–{end}, all six items.", nil,
            "各县区自身负担：{start}–{end} 年各县区六个项目支出中由县级负担的部分（forecast.csv 中支付层级为县级的行）。"
        ),
        (.phrase, "{year} prices", nil, "{year} 年价格"),
        (.phrase, "{first}–{last} prices", nil, "{first}–{last} 年价格"),
        (.phrase, "base-year prices", nil, "基年价格"),
        (.phrase, "the base year", nil, "基年"),
        (.phrase, "base year {year}", "{year}", "{year} 年"),
        (
            .phrase, "The base year lies outside the horizon (the deflator is {deflator} in {year}). ", nil,
            "基年不在测算期内（{year} 年价格指数为 {deflator}）。"
        ),
        (
            .phrase,
            "Deflator and discount factor are 1 in every year from {first} to {last}: any of them is the base "
                + "year. ", nil,
            "{first} 至 {last} 年各年价格指数与贴现系数均为 1：其中任一年均可视为基年。"
        ),
        (.phrase, "real, in {prices} (total_real)", nil, "不变价（{prices}，total_real）"),
        (.phrase, "present value, discounted to {year} (total_pv)", nil, "现值（贴现至 {year}，total_pv）"),
        (
            .phrase,
            "Each year's total (summary.csv) as written, deflated to {prices} and discounted to {year} (prices.csv; "
                + "MODEL.md 4.6). {note}Over {first}–{last}: nominal {nominal}, real {real}, present value {pv}.",
            nil,
            "各年合计（summary.csv）按 {prices}平减并贴现至 {year}（prices.csv；MODEL.md 4.6）。{note}"
                + "{first}–{last} 年合计：名义值 {nominal}，不变价 {real}，现值 {pv}。"
        ),
        (.phrase, "{draws} Monte Carlo draws.", nil, "蒙特卡洛抽样 {draws} 次。"),
        (.phrase, " Probability that the envelope is breached: {probability}", nil, "预算额度突破概率：{probability}"),
        (
            .phrase, "; median breach year of the breaching draws: {year}.", nil,
            "；发生突破的抽样中，突破年度中位数为 {year} 年。"
        ),
        (
            .phrase,
            "The band holds 90% of the draws' totals each year (summary_quantiles.csv). In {year}: {p05} to {p95}, "
                + "median {p50}.", nil,
            "阴影带为各年抽样合计的 90% 区间（第5至第95百分位，summary_quantiles.csv）。{year} 年：{p05}至 {p95}，"
                + "中位数 {p50}。"
        ),
        (
            .phrase,
            "The share of draws whose envelope outlay exceeds the amount by each year (envelope_risk_by_year.csv).",
            nil, "截至各年，计入额度的累计支出超过额度的抽样比例（envelope_risk_by_year.csv）。"
        ),
        (.phrase, " Overall: {probability}.", nil, "全期突破概率：{probability}。"),
        (
            .phrase,
            "One-at-a-time runs (sensitivity.csv): each parameter set to its distribution's 5th and 95th percentile "
                + "in every year, the others as written; bars start at the as-written value.", nil,
            "单因素测算（sensitivity.csv）：每次将一个参数在各年均取其分布的第5与第95百分位，其余参数按设定值；"
                + "条形自按设定值测算的结果起画。"
        ),
        (.phrase, " The envelope amount is {amount}.", nil, "预算额度为 {amount}。"),
        (.phrase, "unplanned", nil, "计划外"),
        (.phrase, "as planned", nil, "与计划一致"),
        (
            .phrase,
            "{year} is closed: each item's planned outlay (the projection without actuals) beside the actual, "
                + "summed over the counties (variance.csv); the variance is written above each pair. Planned "
                + "{planned}, actual {actual}", nil,
            "{year} 年已决算：各项目计划支出（不含实际数的预测）与实际支出并列，按县区加总（variance.csv）；"
                + "每组柱上方标注偏差。计划 {planned}，实际 {actual}"
        ),
        (
            .phrase, ": aggregate outturn {outturn}% (PI-1 band {band})", nil,
            "：总支出执行率 {outturn}%（PI-1 等级 {band}）"
        ),
        (
            .phrase, "The PEFA outturn measures of each closed year (outturn.csv), over the six items.", nil,
            "各已决算年度的 PEFA 执行指标（outturn.csv），涵盖六个项目。"
        ),
        (.phrase, "{letter} ({rule})", nil, "{letter}（{rule}）"),
        (.phrase, "{low}–{high}%", nil, "{low}–{high}%"),
        (.phrase, "outside {low}–{high}%", nil, "{low}–{high}% 以外"),
        (.phrase, "at most {limit}%", nil, "不超过 {limit}%"),
        (.phrase, "above {limit}%", nil, "高于 {limit}%"),
        (
            .phrase,
            "PI-1 (aggregate expenditure outturn, actual ÷ planned): A between 95% and 105%, B between 92% and "
                + "108%, C between 85% and 115%, D otherwise. PI-2.1 (composition variance: the items' deviations "
                + "from the plan scaled to the actual total, as a share of it): A at most 5%, B at most 10%, C at "
                + "most 15%, D above. Each band is that of the figure as written; PEFA scores an indicator on the "
                + "last three completed years (the band met in two of them).", nil,
            "PI-1（总支出执行率，实际 ÷ 计划）：95% 至 105% 为 A，92% 至 108% 为 B，85% 至 115% 为 C，其余为 D。"
                + "PI-2.1（支出结构偏差：各项目偏离计划的幅度按实际总额折算后占实际总额的比例）：不超过 5% 为 A，"
                + "不超过 10% 为 B，不超过 15% 为 C，高于 15% 为 D。各等级按表中所列数值评定；PEFA 按最近三个已完成"
                + "年度评分（取其中两年达到的等级）。"
        ),
        (
            .phrase, "Every closed cell is as planned: variance.csv has no variance.", nil,
            "已决算的各单元均与计划一致：variance.csv 中没有偏差。"
        ),
        (
            .phrase,
            "The {count} cells (county, closed year, item) of variance.csv with the largest absolute variance, "
                + "largest first (ties in the file's order; cells as planned left out). Bars left of 0 are under "
                + "the plan, right of it over.", nil,
            "variance.csv 中绝对偏差最大的 {count} 个单元（县区、已决算年度、项目），按偏差从大到小排列（相同者按文件"
                + "顺序；与计划一致的单元不列）。0 左侧的条形低于计划，右侧高于计划。"
        ),
        (.phrase, "Groundwork report (sweep): {name}", nil, "Groundwork 测算报告（参数扫描）：{name}"),
        (.phrase, "Groundwork report (solve): {name}", nil, "Groundwork 测算报告（参数求解）：{name}"),
        (
            .phrase,
            "Every figure comes from the directory's CSV file; the numbers behind the chart are in the "
                + "<code>report_*.csv</code> file beside this page.", nil,
            "所有数字均取自本目录的 CSV 文件；图表的数据见本页旁的 <code>report_*.csv</code> 文件。"
        ),
        (.phrase, "sweep of {parameters}", nil, "参数扫描：{parameters}"),
        (.phrase, "{count} values of {parameter}", nil, "{parameter} {count} 个取值"),
        (.phrase, "{count} ({sizes})", nil, "{count}（{sizes}）"),
        (.phrase, "{low} to {high}", nil, "{low}至 {high}"),
        (.phrase, "kept at every combination", nil, "各组合均未突破"),
        (
            .phrase, "breached at {breached} of {count} combinations, in {first}–{last}", nil,
            "{count} 个组合中 {breached} 个突破，突破年度 {first}–{last}"
        ),
        (
            .phrase,
            "The sweep varies {count} parameters. The chart shows the first two, {first} down and {second} "
                + "across, with {fixed} (their first values); every combination is in sweep.csv.", nil,
            "本次扫描改变 {count} 个参数。图中显示前两个（{first} 为行，{second} 为列），其余取 {fixed}（各自的首个取值）；"
                + "全部组合见 sweep.csv。"
        ),
        (.phrase, "total {amount} yuan", nil, "合计 {amount} 元"),
        (.phrase, "envelope used {amount}", nil, "额度已用 {amount}"),
        (.phrase, "remaining {amount}", nil, "额度余额 {amount}"),
        (.phrase, "breach {year}", nil, "突破年度 {year}"),
        (.phrase, "not in sweep.csv", nil, "不在 sweep.csv 中"),
        (
            .phrase,
            "{row} down ({rows} values), {column} across ({columns} values); each cell is the year the envelope is "
                + "first exceeded at that combination (none: kept); {breached} of {count} breach.", nil,
            "{row} 为行（{rows} 个取值），{column} 为列（{columns} 个取值）；每格为该组合下首次突破预算额度的年度"
                + "（无：未突破）；{count} 个组合中 {breached} 个突破。"
        ),
        (
            .phrase,
            "{row} down ({rows} values), {column} across ({columns} values); no combination breaches the envelope; "
                + "each cell is what remains at the window's end.", nil,
            "{row} 为行（{rows} 个取值），{column} 为列（{columns} 个取值）；各组合均未突破预算额度；每格为窗口期末的"
                + "额度余额。"
        ),
        (
            .phrase,
            "{row} down ({rows} values), {column} across ({columns} values); the scenario sets no envelope; each "
                + "cell is the horizon total.", nil,
            "{row} 为行（{rows} 个取值），{column} 为列（{columns} 个取值）；本方案未设预算额度；每格为期内合计。"
        ),
        (.phrase, "kept", nil, "未突破"),
        (
            .phrase, "{count} values of {parameter}. The envelope holds at every value.", nil,
            "{parameter} 共 {count} 个取值。各取值下预算额度均未突破。"
        ),
        (
            .phrase,
            "{count} values of {parameter}. The envelope is breached at {breached} of them; the dashed lines mark "
                + "where the breach year changes.", nil,
            "{parameter} 共 {count} 个取值，其中 {breached} 个取值下预算额度被突破；虚线标出突破年度变化之处。"
        ),
        (
            .phrase,
            "{count} values of {parameter}. The scenario sets no envelope; the line is the horizon total.",
            nil, "{parameter} 共 {count} 个取值。本方案未设预算额度；折线为期内合计。"
        ),
        (.phrase, "solve for {parameter}", nil, "参数求解：{parameter}"),
        (.phrase, "target envelope", "envelope", "不突破预算额度（envelope）"),
        (
            .phrase, "The highest {parameter} that keeps the envelope is {answer}", nil,
            "不突破预算额度的 {parameter} 最高取值为 {answer}"
        ),
        (
            .phrase, "The smallest {parameter} that keeps the envelope is {answer}", nil,
            "不突破预算额度的 {parameter} 最低取值为 {answer}"
        ),
        (
            .phrase, "The highest {parameter} that keeps the horizon total at most {amount} is {answer}", nil,
            "使期内合计不超过 {amount}的 {parameter} 最高取值为 {answer}"
        ),
        (
            .phrase, "The smallest {parameter} that keeps the horizon total at most {amount} is {answer}",
            nil,
            "使期内合计不超过 {amount}的 {parameter} 最低取值为 {answer}"
        ),
        (.phrase, "; every value of the grid keeps it.", nil, "；网格内各取值均满足目标。"),
        (.phrase, "; at {next} it is breached in {year}.", nil, "；取 {next} 时于 {year} 年突破。"),
        (.phrase, "; at {next} the total is {total}.", nil, "；取 {next} 时期内合计为 {total}。"),
        (.phrase, "target: total at most {amount}", nil, "目标：期内合计不超过 {amount}"),
        (.phrase, "fails the target", nil, "未达目标"),
        (
            .phrase,
            "The cumulative outlay the envelope counts, at the window's end, at the answer and at the next grid "
                + "value (where the envelope is breached).", nil,
            "计入额度的窗口期末累计支出：分别为取解时与取网格下一取值（额度被突破）时的数值。"
        ),
        (
            .phrase, "The horizon total at the answer and at the next grid value, against the target.", nil,
            "取解时与取网格下一取值时的期内合计，与目标对照。"
        ),
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
