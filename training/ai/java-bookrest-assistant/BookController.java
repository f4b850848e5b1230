package com.example.library.book;

import com.example.library.book.Book.BookRequest;
import com.example.library.book.Book.BookResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints for managing books.
 *
 * <pre>
 * GET    /api/books?q=&amp;page=&amp;size=   list / search
 * GET    /api/books/{id}              fetch one
 * POST   /api/books                   create
 * PUT    /api/books/{id}              replace
 * DELETE /api/books/{id}              delete
 * POST   /api/books/{id}/checkout     take one copy off the shelf
 * </pre>
 */
@RestController
@RequestMapping("/api/books")
public class BookController {

    private final BookService service;

    public BookController(BookService service) {
        this.service = service;
    }

    @GetMapping
    public List<BookResponse> list(@RequestParam(name = "q", required = false) String query,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        return service.list(query, page, size).stream().map(BookResponse::from).toList();
    }

    @GetMapping("/{id}")
    public BookResponse get(@PathVariable long id) {
        return BookResponse.from(service.get(id));
    }

    @PostMapping
    public ResponseEntity<BookResponse> create(@Valid @RequestBody BookRequest request) {
        Book created = service.create(request);
        // Return 201 with a Location header pointing at the new resource.
        URI location = URI.create("/api/books/" + created.getId());
        return ResponseEntity.created(location).body(BookResponse.from(created));
    }

    @PutMapping("/{id}")
    public BookResponse replace(@PathVariable long id, @Valid @RequestBody BookRequest request) {
        return BookResponse.from(service.replace(id, request));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long id) {
        service.delete(id);
    }

    @PostMapping("/{id}/checkout")
    public BookResponse checkout(@PathVariable long id) {
        return BookResponse.from(service.checkout(id));
    }

    // --- Error handling -------------------------------------------------------
    // Each handler returns an RFC 7807 problem document so clients get a consistent shape.

    @ExceptionHandler(BookService.BookNotFoundException.class)
    public ProblemDetail handleNotFound(BookService.BookNotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(BookService.DuplicateIsbnException.class)
    public ProblemDetail handleDuplicate(BookService.DuplicateIsbnException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    public ProblemDetail handleConflict(IllegalStateException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail handleBadRequest(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setProperties(Map.of("hint", "Check the request parameters and body"));
        return problem;
    }
}
