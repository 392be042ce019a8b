using System.Diagnostics;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Tracing;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class TracingBehaviourTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly Activity _parent = new("test-request");

    public TracingBehaviourTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == UseCaseTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Other tests run in parallel: keep only the spans under this test's own parent.
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _parent.TraceId)
                {
                    lock (_spans)
                    {
                        _spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _parent.SetIdFormat(ActivityIdFormat.W3C);
        _parent.Start();
    }

    public void Dispose()
    {
        _parent.Stop();
        _listener.Dispose();
    }

    [Fact]
    public async Task A_succeeding_use_case_is_one_span_named_after_the_request_under_the_current_span()
    {
        await Run(() => Task.FromResult(1));

        var span = _spans.Should().ContainSingle().Subject;
        span.OperationName.Should().Be(nameof(LoginCommand));
        span.ParentSpanId.Should().Be(_parent.SpanId);
        span.GetTagItem(UseCaseTracing.RequestNameTag).Should().Be(nameof(LoginCommand));
        span.GetTagItem(UseCaseTracing.OutcomeTag).Should().Be("succeeded");
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_rejection_is_tagged_with_its_exception_type_but_is_not_an_error()
    {
        var act = () => Run(() => throw new UnauthorizedException("no"));

        await act.Should().ThrowAsync<UnauthorizedException>();
        var span = _spans.Should().ContainSingle().Subject;
        span.GetTagItem(UseCaseTracing.OutcomeTag).Should().Be("rejected");
        span.GetTagItem("error.type").Should().Be(nameof(UnauthorizedException));
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_fault_marks_the_span_as_an_error()
    {
        var act = () => Run(() => throw new InvalidOperationException("boom"));

        await act.Should().ThrowAsync<InvalidOperationException>();
        var span = _spans.Should().ContainSingle().Subject;
        span.GetTagItem(UseCaseTracing.OutcomeTag).Should().Be("faulted");
        span.GetTagItem("error.type").Should().Be(nameof(InvalidOperationException));
        span.Status.Should().Be(ActivityStatusCode.Error);
    }

    private static Task<int> Run(Func<Task<int>> handler) =>
        new TracingBehaviour<LoginCommand, int>().Handle(new LoginCommand("a@example.com", "password"), CancellationToken.None, () => handler());
}
