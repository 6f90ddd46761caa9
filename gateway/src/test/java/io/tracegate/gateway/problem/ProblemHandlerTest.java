package io.tracegate.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void anUnexpectedErrorIsAnImplementationProblemWithAnIncidentToQuote() {
        ResponseEntity<ProblemDetail> response = handler.unexpected(new IllegalStateException("secret internals"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        ProblemDetail problem = response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("epcisException:ImplementationException");
        assertThat(problem.getDetail()).matches("Internal error, incident [0-9a-f-]{36} \\(see the gateway log\\)");
    }

    @Test
    void anApiProblemKeepsItsTypeStatusAndDetail() {
        ResponseEntity<ProblemDetail> response = handler.apiProblem(
                new ApiProblem(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED, "document has 11 events, the limit is 10"));

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getBody().getType().toString()).isEqualTo("epcisException:CaptureLimitExceededException");
        assertThat(response.getBody().getTitle()).isEqualTo("The capture limit is exceeded");
        assertThat(response.getBody().getDetail()).isEqualTo("document has 11 events, the limit is 10");
    }
}
