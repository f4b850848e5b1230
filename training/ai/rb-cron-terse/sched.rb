# frozen_string_literal: true

require "logger"
require_relative "cron"

class Sched
  Job = Struct.new(:name, :cron, :blk, :next_at, :runs, :last_err)

  def initialize(log: Logger.new($stderr), clock: -> { Time.now }, sleeper: method(:sleep))
    @jobs, @log, @clock, @sleep, @stop = {}, log, clock, sleeper, false
  end

  def every(name, expr, &blk)
    c = Cron.new(expr)
    @jobs[name] = Job.new(name, c, blk, c.next_after(@clock.()), 0, nil)
    self
  end

  def jobs = @jobs.values
  def due(now = @clock.()) = jobs.select { _1.next_at && _1.next_at <= now }
  def next_at = jobs.filter_map(&:next_at).min
  def stop! = @stop = true

  def tick(now = @clock.())
    due(now).each do |j|
      run(j)
      j.next_at = j.cron.next_after(now)
    end
  end

  def run_forever
    until @stop
      tick
      n = next_at or break
      d = n - @clock.()
      @sleep.(d.clamp(0, 60)) if d.positive?
    end
  end

  def status = jobs.map { |j| [j.name, j.cron.to_s, j.next_at&.strftime("%F %R"), j.runs, j.last_err&.message] }

  private

  def run(j)
    t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    j.blk.(j.name)
    j.runs += 1
    j.last_err = nil
    @log.info("#{j.name} ok #{((Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0) * 1000).round}ms")
  rescue => e
    j.last_err = e
    @log.error("#{j.name} #{e.class}: #{e.message}")
  end
end
