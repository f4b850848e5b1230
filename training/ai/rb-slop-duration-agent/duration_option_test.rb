require 'test_helper'

describe Slop::DurationOption do
  before do
    @options  = Slop::Options.new
    @timeout  = @options.duration "--timeout"
    @delay    = @options.duration "--delay", unit: :m
    @interval = @options.duration "--interval", default: 30
    @result   = @options.parse %w(--timeout 1h30m --delay 2)
  end

  it "returns the value in seconds" do
    assert_equal 5400, @result[:timeout]
  end

  it "uses the unit config for plain numbers" do
    assert_equal 120, @result[:delay]
  end

  it "treats plain numbers as seconds by default" do
    @result.parser.parse %w(--timeout 45)
    assert_equal 45, @result[:timeout]
  end

  it "supports fractional values" do
    @result.parser.parse %w(--timeout 1.5m)
    assert_equal 90, @result[:timeout]

    @result.parser.parse %w(--timeout 2.25s)
    assert_equal 2.25, @result[:timeout]
  end

  it "supports milliseconds" do
    @result.parser.parse %w(--timeout 1s500ms)
    assert_equal 1.5, @result[:timeout]
  end

  it "supports days and weeks" do
    @result.parser.parse %w(--timeout 1w2d)
    assert_equal 777600, @result[:timeout]
  end

  it "ignores case and surrounding whitespace" do
    @result.parser.parse ["--timeout", " 10M "]
    assert_equal 600, @result[:timeout]
  end

  it "returns nil for invalid values" do
    @result.parser.parse %w(--timeout soon)
    assert_nil @result[:timeout]

    @result.parser.parse %w(--timeout 10x)
    assert_nil @result[:timeout]

    @result.parser.parse %w(--timeout 1h-5m)
    assert_nil @result[:timeout]
  end

  it "returns the default value when the option isn't used" do
    assert_equal 30, @result[:interval]
  end

  it "raises when the unit config is unknown" do
    @options.duration "--wait", unit: :fortnight
    assert_raises(ArgumentError) { @options.parse %w(--wait 3) }
  end
end
