# frozen_string_literal: true

require "business_calendar"

RSpec.describe BusinessCalendar do
  let(:holidays) { [Date.new(2024, 12, 25), Date.new(2024, 12, 26), Date.new(2025, 1, 1)] }
  let(:calendar) { described_class.new(extra_holidays: holidays) }

  # 2024-12-20 is a Friday.
  let(:friday) { Date.new(2024, 12, 20) }
  let(:saturday) { friday + 1 }
  let(:monday) { friday + 3 }

  describe "#initialize" do
    it "rejects a weekend covering every day" do
      expect { described_class.new(weekend: (0..6).to_a) }.to raise_error(ArgumentError, /whole week/)
    end

    it "accepts ISO strings for extra holidays" do
      cal = described_class.new(extra_holidays: ["2024-05-01"])
      expect(cal).to be_holiday(Date.new(2024, 5, 1))
    end
  end

  describe "#business_day?" do
    it "is true for an ordinary weekday" do
      expect(calendar.business_day?(friday)).to be(true)
    end

    it "is false on weekends" do
      expect(calendar.business_day?(saturday)).to be(false)
      expect(calendar.business_day?(saturday + 1)).to be(false)
    end

    it "is false on holidays" do
      expect(calendar.business_day?(Date.new(2024, 12, 25))).to be(false)
    end

    it "accepts Time objects" do
      expect(calendar.business_day?(Time.new(2024, 12, 20, 15, 30))).to be(true)
    end

    it "raises on unsupported input" do
      expect { calendar.business_day?(20_241_220) }.to raise_error(ArgumentError, /cannot convert Integer/)
    end

    context "with a Friday/Saturday weekend" do
      let(:calendar) { described_class.new(weekend: [5, 6]) }

      it "treats Sunday as a business day" do
        expect(calendar.business_day?(Date.new(2024, 12, 22))).to be(true)
      end

      it "treats Friday as weekend" do
        expect(calendar).to be_weekend(friday)
      end
    end
  end

  describe "#next_business_day / #previous_business_day" do
    it "skips the weekend going forward" do
      expect(calendar.next_business_day(friday)).to eq(monday)
    end

    it "skips the weekend going backward" do
      expect(calendar.previous_business_day(monday)).to eq(friday)
    end

    it "skips consecutive holidays" do
      expect(calendar.next_business_day(Date.new(2024, 12, 24))).to eq(Date.new(2024, 12, 27))
    end

    it "is strictly after the given date even if it is a business day" do
      expect(calendar.next_business_day(monday)).to eq(monday + 1)
    end
  end

  describe "#add_business_days" do
    it "returns the same date for zero" do
      expect(calendar.add_business_days(saturday, 0)).to eq(saturday)
    end

    it "adds across a weekend" do
      expect(calendar.add_business_days(friday, 1)).to eq(monday)
    end

    it "adds across weekend and holidays" do
      # Mon 23, Tue 24, (25, 26 holidays), Fri 27, Mon 30
      expect(calendar.add_business_days(friday, 4)).to eq(Date.new(2024, 12, 30))
    end

    it "crosses the year boundary and skips New Year's Day" do
      expect(calendar.add_business_days(Date.new(2024, 12, 31), 1)).to eq(Date.new(2025, 1, 2))
    end

    it "subtracts with a negative count" do
      expect(calendar.add_business_days(Date.new(2024, 12, 27), -2)).to eq(Date.new(2024, 12, 23))
    end

    it "is reversible for business days" do
      start = Date.new(2024, 12, 2)
      (1..15).each do |n|
        there = calendar.add_business_days(start, n)
        expect(calendar.add_business_days(there, -n)).to eq(start)
      end
    end

    it "rejects non-integer counts" do
      expect { calendar.add_business_days(friday, 1.5) }.to raise_error(ArgumentError)
    end
  end

  describe "#business_days_between" do
    it "is zero for the same day" do
      expect(calendar.business_days_between(friday, friday)).to eq(0)
    end

    it "excludes the start date and includes the end date" do
      expect(calendar.business_days_between(friday, monday)).to eq(1)
    end

    it "counts a plain week as five" do
      expect(calendar.business_days_between(Date.new(2024, 12, 1), Date.new(2024, 12, 8))).to eq(5)
    end

    it "is negative when the dates are reversed" do
      expect(calendar.business_days_between(monday, friday)).to eq(-1)
    end

    it "agrees with add_business_days" do
      start = Date.new(2024, 12, 2)
      [1, 5, 10, 20].each do |n|
        finish = calendar.add_business_days(start, n)
        expect(calendar.business_days_between(start, finish)).to eq(n)
      end
    end
  end

  describe "#roll" do
    let(:calendar) { described_class.new(extra_holidays: ["2024-08-30"]) }

    it "leaves business days alone" do
      expect(calendar.roll(Date.new(2024, 8, 29))).to eq(Date.new(2024, 8, 29))
    end

    it "rolls forward with :following" do
      expect(calendar.roll(Date.new(2024, 8, 31), :following)).to eq(Date.new(2024, 9, 2))
    end

    it "rolls backward with :preceding" do
      expect(calendar.roll(Date.new(2024, 8, 31), :preceding)).to eq(Date.new(2024, 8, 29))
    end

    it "stays within the month with :modified_following" do
      expect(calendar.roll(Date.new(2024, 8, 31), :modified_following)).to eq(Date.new(2024, 8, 29))
    end

    it "behaves like :following mid-month with :modified_following" do
      expect(calendar.roll(Date.new(2024, 8, 17), :modified_following)).to eq(Date.new(2024, 8, 19))
    end

    it "raises on unknown conventions" do
      expect { calendar.roll(Date.new(2024, 8, 31), :nearest) }.to raise_error(ArgumentError, /unknown convention/)
    end
  end
end
