# frozen_string_literal: true

require "business_calendar"

RSpec.describe BusinessCalendar::Rules do
  describe ".easter" do
    {
      2000 => Date.new(2000, 4, 23),
      2019 => Date.new(2019, 4, 21),
      2024 => Date.new(2024, 3, 31),
      2025 => Date.new(2025, 4, 20),
      2038 => Date.new(2038, 4, 25)
    }.each do |year, expected|
      it "returns #{expected} for #{year}" do
        expect(described_class.easter(year)).to eq(expected)
      end
    end

    it "always falls on a Sunday" do
      (1900..2100).each do |year|
        expect(described_class.easter(year)).to be_sunday
      end
    end

    it "always falls between March 22 and April 25" do
      (1900..2100).each do |year|
        date = described_class.easter(year)
        expect(date).to be_between(Date.new(year, 3, 22), Date.new(year, 4, 25))
      end
    end
  end

  describe ".nth_weekday" do
    it "finds the third Monday of January" do
      expect(described_class.nth_weekday(1, 1, 3).call(2024)).to eq(Date.new(2024, 1, 15))
    end

    it "finds the first Monday when the month starts on a Monday" do
      expect(described_class.nth_weekday(4, 1, 1).call(2024)).to eq(Date.new(2024, 4, 1))
    end

    it "finds the last Monday of May" do
      expect(described_class.nth_weekday(5, 1, -1).call(2024)).to eq(Date.new(2024, 5, 27))
    end

    it "finds the last Friday when the month ends on a Friday" do
      expect(described_class.nth_weekday(5, 5, -1).call(2026)).to eq(Date.new(2026, 5, 29))
    end

    it "finds the second to last Sunday" do
      expect(described_class.nth_weekday(3, 0, -2).call(2024)).to eq(Date.new(2024, 3, 24))
    end
  end

  describe ".fixed" do
    it "returns the same date every year without observation" do
      expect(described_class.fixed(7, 4).call(2026)).to eq(Date.new(2026, 7, 4))
    end

    context "with observed: true" do
      let(:rule) { described_class.fixed(7, 4, observed: true) }

      it "moves Saturday holidays to Friday" do
        expect(rule.call(2026)).to eq(Date.new(2026, 7, 3))
      end

      it "moves Sunday holidays to Monday" do
        expect(rule.call(2027)).to eq(Date.new(2027, 7, 5))
      end

      it "keeps weekday holidays" do
        expect(rule.call(2024)).to eq(Date.new(2024, 7, 4))
      end
    end
  end

  describe ".easter_offset" do
    it "computes Good Friday" do
      expect(described_class.easter_offset(-2).call(2024)).to eq(Date.new(2024, 3, 29))
    end

    it "computes Easter Monday" do
      expect(described_class.easter_offset(1).call(2025)).to eq(Date.new(2025, 4, 21))
    end
  end
end

RSpec.describe BusinessCalendar, "US federal holidays" do
  subject(:calendar) { described_class.new(rules: described_class::US_FEDERAL) }

  it "lists all nine holidays for 2024" do
    expect(calendar.holidays(2024).values).to contain_exactly(*described_class::US_FEDERAL.keys)
  end

  it "places Thanksgiving 2024 on November 28" do
    expect(calendar.holiday_name(Date.new(2024, 11, 28))).to eq("Thanksgiving")
  end

  it "observes New Year's Day 2022 (a Saturday) on Friday Dec 31, 2021" do
    expect(calendar.holiday_name(Date.new(2021, 12, 31))).to eq("New Year's Day")
  end

  it "does not treat the actual Saturday as the holiday" do
    expect(calendar.holiday_name(Date.new(2022, 1, 1))).to be_nil
  end

  it "accepts ISO strings" do
    expect(calendar).to be_holiday("2024-12-25")
  end

  it "caches computed years" do
    first = calendar.holidays(2030)
    expect(calendar.holidays(2030)).to be(first)
  end
end
