    [HttpPatch("{id:guid}/status")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> UpdateStatus(Guid id, [FromBody] UpdateStatusRequest request, CancellationToken ct)
    {
        var order = await _orders.FindAsync(id, ct);
        if (order is null)
            return NotFound();

        if (!order.CanTransitionTo(request.Status))
            return Conflict(new ProblemDetails
            {
                Title = "Invalid status transition",
                Detail = $"Cannot move order from {order.Status} to {request.Status}.",
            });

        order.Status = request.Status;
        order.UpdatedAt = _clock.UtcNow;
        await _orders.SaveChangesAsync(ct);
        return NoContent();
    }
