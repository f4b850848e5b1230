# frozen_string_literal: true

require_relative "test_helper"

class JobQueueTest < QueueTestCase
  def setup
    super
    @queue = JobQueue.new(clock: @clock.to_proc)
    @log = []
    @queue.register(:record) { |*args| @log << args }
  end

  def test_enqueue_returns_increasing_ids
    first = @queue.enqueue(:record, 1)
    second = @queue.enqueue(:record, 2)

    assert_equal 1, first
    assert_equal 2, second
    assert_pending @queue, 2
  end

  def test_enqueue_accepts_string_or_symbol_names
    @queue.enqueue("record", :a)
    @queue.enqueue(:record, :b)
    @queue.drain

    assert_equal [[:a], [:b]], @log
  end

  def test_enqueue_unknown_job_raises
    error = assert_raises(JobQueue::UnknownJob) { @queue.enqueue(:missing) }
    assert_match(/missing/, error.message)
    assert_pending @queue, 0
  end

  def test_register_requires_block
    assert_raises(ArgumentError) { @queue.register(:nothing) }
  end

  def test_register_is_chainable
    result = @queue.register(:a) {}.register(:b) {}
    assert_same @queue, result
  end

  def test_work_one_on_empty_queue_returns_nil
    assert_nil @queue.work_one
  end

  def test_work_one_passes_arguments_to_handler
    @queue.enqueue(:record, "x", 42, { k: 1 })
    job = @queue.work_one

    assert_equal [["x", 42, { k: 1 }]], @log
    assert_equal 1, job.attempts
    assert_completed @queue, job.id
    assert_pending @queue, 0
  end

  def test_higher_priority_runs_first
    @queue.enqueue(:record, :low, priority: 0)
    @queue.enqueue(:record, :high, priority: 10)
    @queue.enqueue(:record, :mid, priority: 5)
    @queue.drain

    assert_equal [[:high], [:mid], [:low]], @log
  end

  def test_equal_priority_is_fifo
    5.times { |i| @queue.enqueue(:record, i) }
    @queue.drain

    assert_equal (0..4).map { |i| [i] }, @log
  end

  def test_delayed_job_waits_until_run_at
    @queue.enqueue(:record, :later, delay: 30)

    assert_nil @queue.work_one
    @clock.advance(29.9)
    assert_nil @queue.work_one
    @clock.advance(0.1)
    refute_nil @queue.work_one
    assert_equal [[:later]], @log
  end

  def test_delayed_job_does_not_block_ready_ones
    @queue.enqueue(:record, :later, delay: 10, priority: 100)
    @queue.enqueue(:record, :now)

    assert_equal 1, @queue.drain
    assert_equal [[:now]], @log
    assert_pending @queue, 1
  end

  def test_drain_returns_number_of_jobs_run
    3.times { @queue.enqueue(:record) }
    assert_equal 3, @queue.drain
    assert_equal 0, @queue.drain
  end

  def test_ready_does_not_remove_jobs
    @queue.enqueue(:record)
    @queue.ready
    assert_pending @queue, 1
  end
end
