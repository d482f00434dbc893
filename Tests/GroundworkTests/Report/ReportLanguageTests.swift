import Foundation
import Testing

@testable import GroundworkDesk

/// The report's captions, notes and values in the one table of translations (issue 12: "with
/// `--lang zh` everything reads in Chinese"): the sentence templates with named slots, and the
/// pages of the Nanyang scenarios, a sweep and a solve, end to end through the command line.
@Suite("Report: captions and notes in the page's language")
struct ReportLanguageTests {
    // MARK: - The templates

    @Test("a sentence fills its named slots in the order its language wants them")
    func sentenceSlots() {
        let values = ["next": "235,200", "year": "2015"]
        #expect(
            Translations.sentence("; at {next} it is breached in {year}.", values, in: .en)
                == "; at 235,200 it is breached in 2015.")
        #expect(
            Translations.sentence("; at {next} it is breached in {year}.", values, in: .zh)
                == "；取 235,200 时于 2015 年突破。")
        // A template the table lacks reads as itself, filled; a value is not searched for slots;
        // a slot without a value stays as written.
        #expect(Translations.sentence("{a} and {b}", ["a": "{b}"], in: .zh) == "{b} and {b}")
        #expect(Translations.fill("{unclosed", [:]) == "{unclosed")
        #expect(Translations.slots("{first}–{last} and {}") == ["first", "last", ""])
    }

    @Test("every phrase has the same slots in English and in Chinese, and its Chinese is not its English")
    func phrasesAgree() {
        #expect(Translations.phrases.count > 150)
        for phrase in Translations.phrases {
            #expect(
                Translations.slots(phrase.english).sorted() == Translations.slots(phrase.chinese).sorted(),
                "\(phrase.term)")
            // Only a phrase of slots and signs ("{low}–{high}%") reads the same in both.
            let words = phrase.english.replacingOccurrences(
                of: #"\{[a-z]*\}"#, with: "", options: .regularExpression)
            if words.contains(where: { $0.isLetter }) {
                #expect(phrase.english != phrase.chinese, "\(phrase.term) is not translated")
            }
        }
    }

    @Test("amounts and PEFA bands in Chinese: 元 for yuan, full-width brackets, the numbers as written")
    func amountsAndBands() {
        #expect(ReportPage.money(300_000_000, in: .zh) == "3.00 亿元（300,000,000.00 元）")
        #expect(ReportPage.money(9_339_200, in: .zh) == "933.92 万元（9,339,200.00 元）")
        #expect(ReportPage.money(1_100, in: .zh) == "1,100.00 元")
        #expect(ReportPage.money(300_000_000, in: .en) == "3.00 亿元 (300,000,000.00 yuan)")
        #expect(PEFABand.aggregateOutturn("99.879486")?.description(in: .zh) == "A（95–105%）")
        #expect(PEFABand.aggregateOutturn("120")?.description(in: .zh) == "D（85–115% 以外）")
        #expect(PEFABand.compositionVariance("1.143767")?.description(in: .zh) == "A（不超过 5%）")
        #expect(PEFABand.compositionVariance("16")?.description(in: .zh) == "D（高于 15%）")
        #expect(PEFABand.compositionVariance("16")?.description == "D (above 15%)")
    }

    // MARK: - The pages

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-report-language-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The report.html that `arguments` + `--out DIR --report --lang LANGUAGE --quiet` writes.
    private func page(_ arguments: [String], _ language: Language) throws -> String {
        let out = try temporaryDirectory()
        let result = try CommandLineTool.run(
            arguments + ["--out", out.path, "--report", "--lang", language.rawValue, "--quiet"])
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    }

    private func run(_ scenario: String) -> [String] { ["run", Fixtures.scenario(scenario).path] }

    /// The text of every `<tag>` of `html` (with `attributes` when given): entities decoded,
    /// inner elements kept as markup.
    private func texts(_ html: String, _ tag: String) -> [String] {
        html.components(separatedBy: "<\(tag)").dropFirst().compactMap { rest in
            guard rest.first == ">" || rest.first == " ",
                let open = rest.firstIndex(of: ">"),
                let close = rest.range(of: "</\(tag)>")
            else { return nil }
            return String(rest[rest.index(after: open)..<close.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    private func captions(_ html: String) -> [String] { texts(html, "figcaption") }

    /// The English words left in the prose of a page (captions, paragraphs, headline values,
    /// headings and table cells) once the names a reader needs as written are taken out: code
    /// (`<code>`, the command line), file names and CSV, PEFA and its indicators, parameter paths and
    /// column names, scenario names, the engine's name and `total<=AMOUNT` targets.
    private func englishWords(_ html: String) -> [String] {
        let prose = ["figcaption", "p", "dd", "dt", "td", "th", "h1", "h2", "h3", "span", "title"]
            .flatMap { texts(html, $0) }
        let allowed = [
            #"<code>.*?</code>"#, "<[^>]*>", #"[A-Za-z0-9_.\-*]+\.(csv|md|yaml)"#, "CSV", #"PI-\d(\.\d)?"#,
            "PEFA",
            #"[a-z_]+(\.[a-z_]+)+"#, #"[a-z]+_[a-z_]+"#, #"nanyang-[a-z0-9-]+"#, "[Gg]roundwork",
            #"total<=\d+"#, "（envelope）", #"p\d\d"#,
        ]
        return prose.flatMap { text -> [String] in
            var text = text
            for pattern in allowed {
                text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            return text.components(
                separatedBy: CharacterSet.letters.inverted.union(.init(charactersIn: "0123456789"))
            )
            .filter { word in word.count >= 2 && word.unicodeScalars.allSatisfy { $0.isASCII } }
        }
    }

    @Test("Nanyang baseline in Chinese: the envelope breached in 2016, the amounts as the files have them")
    func baseline() throws {
        let zh = try page(run("nanyang-baseline.yaml"), .zh)
        let en = try page(run("nanyang-baseline.yaml"), .en)
        #expect(
            captions(zh).contains(
                "预算额度所含项目中由其支付层级负担的支出，在额度期间内逐年累计，与额度 3.00 亿元（300,000,000.00 元）对照。"
                    + "额度于 2016 年突破；至窗口期末累计支出 5.36 亿元（535,660,800.00 元），超出额度 2.36 亿元（235,660,800.00 元）。"
            ))
        #expect(
            captions(en).contains(
                "Outlay of the envelope's items and payer, cumulated over its window, against the amount of 3.00 亿元 "
                    + "(300,000,000.00 yuan). It is breached in 2016; by the window's end 5.36 亿元 (535,660,800.00 yuan) "
                    + "is used, 2.36 亿元 (235,660,800.00 yuan) beyond the amount."))
        #expect(
            captions(zh).contains(
                "六个项目逐年堆叠。期内合计 124.97 亿元（12,496,958,796.58 元）；支出最多的年度为 2030 年，10.85 亿元（1,084,611,613.31 元）。"
            ))
        #expect(
            captions(zh).contains(
                "各岗位月报酬（pay.csv）与当年农村居民人均可支配收入除以 12（次年调标所依据的收入）。书记 2015 年月报酬 1,100 元，"
                    + "2030 年为 3,489 元；2018、2021、2024、2027、2030 年调标。"))
        #expect(
            captions(zh).contains("所需 496 个场所至 2016 年全部建成，无推迟建设。此后年度不再建设，图中不列示。"))
        #expect(texts(zh, "dd").contains("已建成 496 个（共需 496 个），无推迟建设"))
        #expect(zh.contains("<title>Groundwork 测算报告：nanyang-baseline</title>"))
        #expect(englishWords(zh) == [])
        // The check finds English where there is some: the English page is full of it.
        #expect(englishWords(en).count > 200 && englishWords(en).contains("breached"))
        // The pay axis is in 元, not yuan.
        #expect(zh.contains("元/月") && !zh.contains("yuan/月"))
        #expect(captions(zh).count == captions(en).count)
    }

    @Test("the risk scenario in Chinese: the envelope holds, the quantiles and the breach probability")
    func risk() throws {
        let zh = try page(run("nanyang-risk.yaml"), .zh)
        let captions = captions(zh)
        #expect(captions.contains { $0.hasSuffix("额度未突破：窗口期末剩余 933.92 万元（9,339,200.00 元）。") })
        #expect(
            captions.contains(
                "阴影带为各年抽样合计的 90% 区间（第5至第95百分位，summary_quantiles.csv）。2030 年：10.51 亿元（1,050,717,987.94 元）至 "
                    + "13.00 亿元（1,299,935,944.83 元），中位数 11.72 亿元（1,171,578,632.04 元）。"))
        #expect(captions.contains("截至各年，计入额度的累计支出超过额度的抽样比例（envelope_risk_by_year.csv）。全期突破概率：47.6%。"))
        #expect(texts(zh, "p").contains("蒙特卡洛抽样 10,000 次。预算额度突破概率：47.6%；发生突破的抽样中，突破年度中位数为 2016 年。"))
        #expect(englishWords(zh) == [])
    }

    @Test("cost sharing, constant prices and the 2015 outturn in Chinese")
    func sharingPricesOutturn() throws {
        let sharing = try page(run("nanyang-cost-sharing.yaml"), .zh)
        #expect(
            captions(sharing).contains(
                "六个项目逐年按负担支出的政府层级堆叠（funding.csv；MODEL.md 第 4 节）。2014–2030 年，省级负担 16.84 亿元"
                    + "（1,683,830,000.00 元），占合计的 13.5%；市级负担 86.96 亿元（8,695,627,520.00 元），占合计的 69.6%；"
                    + "县级负担 21.18 亿元（2,117,501,276.58 元），占合计的 16.9%。"))
        let prices = try page(run("nanyang-constant-prices.yaml"), .zh)
        #expect(
            captions(prices).contains(
                "各年合计（summary.csv）按 2014 年价格平减并贴现至 2014 年（prices.csv；MODEL.md 4.6）。2014–2030 年合计："
                    + "名义值 124.97 亿元（12,496,958,796.58 元），不变价 104.88 亿元（10,487,980,741.42 元），"
                    + "现值 96.53 亿元（9,653,022,205.58 元）。"))
        let outturn = try page(run("nanyang-2015-outturn.yaml"), .zh)
        #expect(
            captions(outturn).contains {
                $0.hasPrefix("2014 年已决算：") && $0.hasSuffix("总支出执行率 99.879486%（PI-1 等级 A）。")
            })
        #expect(
            captions(outturn).contains {
                $0.hasSuffix("2014–2015 年已决算（阴影部分）：其支出为实际支出数（outturn.csv），以后年度为计划数。")
            })
        #expect(texts(outturn, "td").contains("A（95–105%）"))
        for html in [sharing, prices, outturn] { #expect(englishWords(html) == []) }
    }

    @Test("a sweep and a solve in Chinese")
    func sweepAndSolve() throws {
        let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
        let grid = try page(
            [
                "sweep", baseline, "--vary", "venues.unit_cost=150000:250000:25000", "--vary",
                "rural_income.growth=0.04:0.10:0.02",
            ], .zh)
        #expect(
            captions(grid) == [
                "venues.unit_cost 为行（5 个取值），rural_income.growth 为列（4 个取值）；每格为该组合下首次突破预算额度的年度"
                    + "（无：未突破）；20 个组合中 20 个突破。"
            ])
        let line = try page(["sweep", baseline, "--vary", "venues.unit_cost=150000:250000:25000"], .zh)
        #expect(captions(line) == ["venues.unit_cost 共 5 个取值，其中 5 个取值下预算额度被突破；虚线标出突破年度变化之处。"])
        let solve = try page(
            [
                "solve", Fixtures.scenario("nanyang-venue-standard.yaml").path, "--vary",
                "venues.unit_cost=150000:400000:100", "--keep", "envelope",
            ], .zh)
        #expect(texts(solve, "p").contains("不突破预算额度的 venues.unit_cost 最高取值为 235,100；取 235,200 时于 2015 年突破。"))
        for html in [grid, line, solve] { #expect(englishWords(html) == []) }
    }
}
