package com.example.library.book;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Business logic for the book catalogue.
 *
 * <p>This implementation keeps books in memory so the example is self-contained.
 * In a real application you would inject a Spring Data repository instead;
 * the public methods are written so that swap is straightforward.</p>
 */
@Service
public class BookService {

    private final Map<Long, Book> books = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Clock clock;

    public BookService(Clock clock) {
        this.clock = clock;
    }

    /**
     * Returns one page of books, optionally filtered by a case-insensitive search term
     * that is matched against the title and the author.
     *
     * @param query optional search term; {@code null} or blank returns everything
     * @param page  zero-based page index
     * @param size  page size, between 1 and 100
     * @return the books on the requested page, sorted by title
     */
    public List<Book> list(String query, int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be between 1 and 100");
        }

        String needle = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        return books.values().stream()
                .filter(b -> needle.isEmpty()
                        || b.getTitle().toLowerCase(Locale.ROOT).contains(needle)
                        || b.getAuthor().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(Book::getTitle, String.CASE_INSENSITIVE_ORDER))
                .skip((long) page * size)
                .limit(size)
                .collect(Collectors.toList());
    }

    /**
     * Looks up a single book.
     *
     * @throws BookNotFoundException if there is no book with this id
     */
    public Book get(long id) {
        return Optional.ofNullable(books.get(id)).orElseThrow(() -> new BookNotFoundException(id));
    }

    /**
     * Creates a new book after validating and normalizing its ISBN.
     *
     * @throws DuplicateIsbnException if another book already uses the ISBN
     */
    public synchronized Book create(Book.BookRequest request) {
        String isbn = Isbn.normalize(request.isbn());
        ensureIsbnIsFree(isbn, null);
        validateYear(request.publishedYear());

        Book book = new Book(nextId.getAndIncrement(), isbn, request.title().trim(), request.author().trim(),
                request.publishedYear(), request.copiesAvailable());
        Instant now = clock.instant();
        book.setCreatedAt(now);
        book.setUpdatedAt(now);
        books.put(book.getId(), book);
        return book;
    }

    /**
     * Replaces every field of an existing book.
     */
    public synchronized Book replace(long id, Book.BookRequest request) {
        Book existing = get(id);
        String isbn = Isbn.normalize(request.isbn());
        ensureIsbnIsFree(isbn, id);
        validateYear(request.publishedYear());

        existing.setIsbn(isbn);
        existing.setTitle(request.title().trim());
        existing.setAuthor(request.author().trim());
        existing.setPublishedYear(request.publishedYear());
        existing.setCopiesAvailable(request.copiesAvailable());
        existing.setUpdatedAt(clock.instant());
        return existing;
    }

    /**
     * Deletes a book. Deleting a book that does not exist is treated as an error
     * so clients notice typos in ids.
     */
    public void delete(long id) {
        if (books.remove(id) == null) {
            throw new BookNotFoundException(id);
        }
    }

    /**
     * Checks out one copy of a book.
     *
     * @throws IllegalStateException if no copies are left
     */
    public synchronized Book checkout(long id) {
        Book book = get(id);
        if (book.getCopiesAvailable() == 0) {
            throw new IllegalStateException("No copies of \"" + book.getTitle() + "\" are available");
        }
        book.setCopiesAvailable(book.getCopiesAvailable() - 1);
        book.setUpdatedAt(clock.instant());
        return book;
    }

    private void ensureIsbnIsFree(String isbn, Long exceptId) {
        boolean taken = books.values().stream()
                .anyMatch(b -> b.getIsbn().equals(isbn) && !b.getId().equals(exceptId));
        if (taken) {
            throw new DuplicateIsbnException(isbn);
        }
    }

    private void validateYear(int year) {
        // The bean validation annotation covers the lower bound; the upper bound depends on "now".
        int currentYear = Year.now(clock).getValue();
        if (year > currentYear) {
            throw new IllegalArgumentException("publishedYear must not be in the future");
        }
    }

    /** Thrown when a book id does not exist. Mapped to 404 by the controller advice. */
    public static class BookNotFoundException extends RuntimeException {
        public BookNotFoundException(long id) {
            super("Book " + id + " not found");
        }
    }

    /** Thrown when an ISBN is already in use. Mapped to 409 by the controller advice. */
    public static class DuplicateIsbnException extends RuntimeException {
        public DuplicateIsbnException(String isbn) {
            super("A book with ISBN " + isbn + " already exists");
        }
    }
}
