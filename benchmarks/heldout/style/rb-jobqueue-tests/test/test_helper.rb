# frozen_string_literal: true

require "minitest/autorun"
require_relative "../job_queue"

# A controllable clock so tests never depend on wall time or sleep.
class FakeClock
  attr_reader :now

  def initialize(start = 1_000.0)
    @now = start
  end

  def advance(seconds)
    @now += seconds
  end

  def to_proc
    -> { @now }
  end
end

# Assertions shared by the queue test cases.
module QueueAssertions
  def assert_pending(queue, expected, msg = nil)
    assert_equal expected, queue.size, msg || "expected #{expected} pending job(s), got #{queue.size}"
  end

  def assert_completed(queue, id)
    ids = queue.completed.map(&:id)
    assert_includes ids, id, "expected job #{id} to be completed, completed ids: #{ids.inspect}"
  end

  def assert_dead(queue, id, attempts: nil)
    job = queue.dead.find { |j| j.id == id }
    refute_nil job, "expected job #{id} in the dead set, dead ids: #{queue.dead.map(&:id).inspect}"
    assert_equal attempts, job.attempts if attempts
    job
  end
end

class QueueTestCase < Minitest::Test
  include QueueAssertions

  def setup
    @clock = FakeClock.new
  end
end
